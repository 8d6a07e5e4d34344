package dev.coinage.gift;

import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * What a sent gift did. The creator's earnings are given exactly, in diamond parts: {@code partsCredited /
 * partsPerDiamond} diamonds (for a 1/2 share, 10 coins earn 10 parts, that is 5 diamonds), held until
 * {@code holdPeriod} is released. A retried send returns the first receipt with {@code replay} true.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param transactionId the store's id of the gift's transaction
 * @param key the caller's idempotency key, not null
 * @param sender the viewer who paid, not null
 * @param creator the creator who earned, not null
 * @param gift the gift, not null
 * @param count how many were sent, at least 1
 * @param coinsSpent the coins debited from the sender: price × count
 * @param partsCredited the diamond parts credited to the creator's hold account
 * @param residueParts the diamond parts booked to the platform residue (platform-residue mode), else 0
 * @param partsPerDiamond how many parts make a diamond (the share's denominator)
 * @param senderBalanceAfter the sender's coins right after the gift
 * @param holdPeriod the reference of the hold period the parts were credited to, such as {@code 2026112509}, not null
 * @param replay whether this is the first result returned to a retry
 */
public record GiftReceipt(
        long transactionId,
        IdempotencyKey key,
        UserId sender,
        UserId creator,
        GiftId gift,
        long count,
        long coinsSpent,
        long partsCredited,
        long residueParts,
        long partsPerDiamond,
        long senderBalanceAfter,
        String holdPeriod,
        boolean replay) {
    /**
     * Validates the receipt.
     *
     * @param transactionId the transaction id
     * @param key the idempotency key, not null
     * @param sender the sender, not null
     * @param creator the creator, not null
     * @param gift the gift, not null
     * @param count how many
     * @param coinsSpent the coins spent
     * @param partsCredited the parts credited
     * @param residueParts the residue parts
     * @param partsPerDiamond the parts per diamond, positive
     * @param senderBalanceAfter the sender's balance after
     * @param holdPeriod the hold period reference, not null
     * @param replay whether replayed
     * @throws NullPointerException if an object field is null
     */
    public GiftReceipt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(gift, "gift");
        Objects.requireNonNull(holdPeriod, "holdPeriod");
    }

    /**
     * Returns the whole diamonds in this gift's earnings: {@code floor(partsCredited / partsPerDiamond)}. The creator's
     * own floor is taken over all their parts at release, so the sum of this over gifts may be less than what they get.
     *
     * @return the whole diamonds
     */
    public long wholeDiamonds() {
        return partsCredited / partsPerDiamond;
    }
}
