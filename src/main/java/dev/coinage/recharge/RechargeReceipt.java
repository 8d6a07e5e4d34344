package dev.coinage.recharge;

import dev.coinage.core.UserId;
import java.util.Objects;
import java.util.OptionalLong;
import javax.money.MonetaryAmount;

/**
 * The outcome of a recharge call: coins credited, or a payment pending its webhook.
 *
 * @param purchase the purchase's reference (the provider's transaction id, or {@code <channel>:<original id>} for an
 *     app-store receipt), not null
 * @param user the buyer, not null
 * @param status whether the coins are credited or pending, not null
 * @param paidCoins the coins paid for
 * @param bonusCoins the bonus coins
 * @param amount what the buyer pays, not null
 * @param walletAfter the wallet's balance right after the credit, empty if pending or replayed, not null
 * @param replay true if this call found the outcome already recorded and wrote nothing
 */
public record RechargeReceipt(
        String purchase,
        UserId user,
        Status status,
        long paidCoins,
        long bonusCoins,
        MonetaryAmount amount,
        OptionalLong walletAfter,
        boolean replay) {
    /** Where a purchase stands. */
    public enum Status {
        /** The coins are in the wallet. */
        CREDITED,
        /** The payment waits for the provider's webhook. */
        PENDING
    }

    /**
     * Checks the receipt.
     *
     * @param purchase the reference, not null
     * @param user the buyer, not null
     * @param status the status, not null
     * @param paidCoins the paid coins
     * @param bonusCoins the bonus coins
     * @param amount the amount, not null
     * @param walletAfter the balance after, not null
     * @param replay whether replayed
     * @throws NullPointerException if an object component is null
     */
    public RechargeReceipt {
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(walletAfter, "walletAfter");
    }

    /**
     * Returns the coins the purchase credits: paid plus bonus.
     *
     * @return the coins
     */
    public long totalCoins() {
        return paidCoins + bonusCoins;
    }
}
