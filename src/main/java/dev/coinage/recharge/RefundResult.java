package dev.coinage.recharge;

import java.util.List;
import java.util.Objects;

/**
 * What a refund did. {@code coins = clawedBack + debt + writtenOff + coveredByCreators}: each refunded coin is recovered
 * once, from the member (clawed back or owed), from creators' holds, or written off.
 *
 * @param refundId the refund's id, not null
 * @param purchase the purchase's reference, not null
 * @param kind refund or chargeback, not null
 * @param coins the coins of the purchase refunded
 * @param clawedBack the coins taken from the wallet's balance: first the purchase's own unspent coins, then, for its
 *     coins already spent, the member's other unspent coins (first in first out, bonus last)
 * @param debt the coins already spent that the wallet now owes (its negative balance grew by this)
 * @param writtenOff the coins already spent that were written off (freeze-only policy)
 * @param coveredByCreators the coins already spent that the creators' holds covered: the parts they earned were taken
 *     back ({@link #reversals}) instead of the coins being taken from the member (see {@link RefundOrder})
 * @param frozen true if the refund froze the wallet
 * @param reversals the diamond parts taken back from creators' holds, earned by the purchase's spent coins, newest
 *     hold period first; not null
 * @param partsNotReversed the parts those spent coins earned that had already been released to the creators and stay
 *     with them, booked as the platform's loss ({@link dev.coinage.catalog.ReleasedPartsPolicy#PLATFORM_LOSS}); the
 *     member covered those coins
 * @param takenBack the parts those spent coins earned that had already been released and that were taken back from
 *     the creators, per creator ({@link dev.coinage.catalog.ReleasedPartsPolicy#TAKE_FROM_AVAILABLE}); the creators
 *     covered those coins, which count in {@code coveredByCreators}; not null
 * @param replay true if this refund was resolved before and this call wrote nothing
 */
public record RefundResult(
        String refundId,
        String purchase,
        RefundKind kind,
        long coins,
        long clawedBack,
        long debt,
        long writtenOff,
        long coveredByCreators,
        boolean frozen,
        List<HoldReversal> reversals,
        long partsNotReversed,
        List<ReleaseReversal> takenBack,
        boolean replay) {
    /**
     * Checks the result.
     *
     * @param refundId the id, not null
     * @param purchase the reference, not null
     * @param kind the kind, not null
     * @param coins the coins refunded
     * @param clawedBack the coins clawed back
     * @param debt the coins put into debt
     * @param writtenOff the coins written off
     * @param coveredByCreators the coins covered by creators' holds
     * @param frozen whether frozen
     * @param reversals the parts reversed per creator and hold period, not null
     * @param partsNotReversed the parts already released and left with the creators
     * @param takenBack the parts already released and taken back, per creator, not null
     * @param replay whether replayed
     * @throws NullPointerException if an object component is null
     */
    public RefundResult {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(kind, "kind");
        reversals = List.copyOf(reversals);
        takenBack = List.copyOf(takenBack);
    }

    /**
     * Returns the diamond parts taken back from creators' holds, in all.
     *
     * @return the sum of the reversals' parts
     */
    public long partsReversed() {
        long sum = 0;
        for (HoldReversal r : reversals) {
            sum = Math.addExact(sum, r.parts());
        }
        return sum;
    }

    /**
     * Returns the diamond parts taken back from creators after their release, in all.
     *
     * @return the sum of {@link #takenBack}'s parts
     */
    public long partsTakenBackAfterRelease() {
        long sum = 0;
        for (ReleaseReversal r : takenBack) {
            sum = Math.addExact(sum, r.parts());
        }
        return sum;
    }

    /**
     * Returns the diamond parts already released that stay with the creators, booked as the platform's loss.
     *
     * @return {@link #partsNotReversed}
     */
    public long partsBookedAsLoss() {
        return partsNotReversed;
    }
}
