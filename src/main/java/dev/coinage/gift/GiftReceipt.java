package dev.coinage.gift;

import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * What a sent gift did. Its components tell:
 *
 * <ul>
 *   <li>which transaction: {@code transactionId}, {@code key}, and whether it is a {@code replay};
 *   <li>which gift: {@code sender}, {@code creator}, {@code gift} and {@code count};
 *   <li>the sender's coins: {@code coinsSpent} and {@code senderBalanceAfter};
 *   <li>the creator's earnings, exactly, in diamond parts: {@code partsCredited} held parts (and {@code residueParts}
 *       booked to the platform), where {@code partsPerDiamond} parts make a diamond (for a 1/2 share, 10 coins earn 10
 *       parts, that is 5 diamonds), held in the hold period {@code holdPeriod} until it is released.
 * </ul>
 *
 * <p>A retried send returns the first receipt with {@code replay} true. Jackson writes a receipt as one flat object of
 * its components, in the order they are declared (ids as strings with Coinage's {@code CoinageModule}), and reads it
 * back.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param transactionId the store's id of the gift's transaction
 * @param key the caller's idempotency key of the send, not null
 * @param sender the viewer who paid, not null
 * @param creator the creator who earned, not null
 * @param gift the gift sent, not null
 * @param count how many of the gift were sent at once, at least 1
 * @param coinsSpent the coins debited from the sender's wallet: the gift's price × {@code count}
 * @param partsCredited the diamond parts credited to the creator's hold account of {@code holdPeriod}: the coins ×
 *     the share's numerator, less {@code residueParts}
 * @param residueParts the diamond parts booked to the platform's residue instead of the creator (platform-residue
 *     mode: the remainder below a whole diamond); 0 in carry mode
 * @param partsPerDiamond how many parts make a diamond: the share's denominator, at least 1
 * @param senderBalanceAfter the coins in the sender's wallet right after the gift's transaction (for a replay, after
 *     the first send's transaction when the store recorded it, else the balance now)
 * @param holdPeriod the hour the earnings are held in, such as {@code 2025112509} (UTC, {@code yyyyMMddHH}): the
 *     reference of the hold account credited, or the hour it would have been when the whole gift went to the
 *     residue; not null
 * @param replay whether this receipt was returned to a retry of a send already applied (nothing was written)
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
