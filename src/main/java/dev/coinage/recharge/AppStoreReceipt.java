package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.UserId;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * An app-store purchase whose receipt the host has already validated with the store. Coinage credits it once per
 * original transaction id, whatever the number of times the app or the store's server notifications replay it.
 *
 * @param user the buyer, not null
 * @param channel the store's sales channel, not null
 * @param originalTransactionId the store's original transaction id, not null, not blank
 * @param paidCoins the coins paid for, positive
 * @param bonusCoins the bonus coins on top, zero or positive; with the paid coins at most {@link Long#MAX_VALUE}
 * @param amount what the buyer paid, positive, not null
 */
public record AppStoreReceipt(
        UserId user,
        ChannelId channel,
        String originalTransactionId,
        long paidCoins,
        long bonusCoins,
        MonetaryAmount amount) {
    /**
     * Checks the receipt.
     *
     * @param user the buyer, not null
     * @param channel the channel, not null
     * @param originalTransactionId the original transaction id, not null, not blank
     * @param paidCoins the paid coins, positive
     * @param bonusCoins the bonus coins, zero or positive
     * @param amount the amount paid, positive, not null
     * @throws NullPointerException if an object component is null
     * @throws IllegalArgumentException if a count or the amount is out of range, the paid and bonus coins together
     *     exceed {@link Long#MAX_VALUE}, or the id is blank
     */
    public AppStoreReceipt {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(originalTransactionId, "originalTransactionId");
        Objects.requireNonNull(amount, "amount");
        if (originalTransactionId.isBlank()) {
            throw new IllegalArgumentException("originalTransactionId must not be blank");
        }
        if (paidCoins <= 0 || bonusCoins < 0) {
            throw new IllegalArgumentException(
                    "paidCoins must be positive and bonusCoins not negative: " + paidCoins + ", " + bonusCoins);
        }
        if (paidCoins > Long.MAX_VALUE - bonusCoins) {
            throw new IllegalArgumentException(
                    "paidCoins + bonusCoins must not exceed " + Long.MAX_VALUE + ": " + paidCoins + " + " + bonusCoins);
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }
}
