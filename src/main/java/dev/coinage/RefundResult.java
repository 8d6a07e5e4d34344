package dev.coinage;

import java.util.Objects;

/**
 * What a refund did. {@code coins = clawedBack + debt + writtenOff}.
 *
 * @param refundId the refund's id, not null
 * @param purchase the purchase's reference, not null
 * @param kind refund or chargeback, not null
 * @param coins the coins of the purchase refunded
 * @param clawedBack the coins taken from the wallet's balance
 * @param debt the coins already spent that the wallet now owes (its negative balance grew by this)
 * @param writtenOff the coins already spent that were written off (freeze-only policy)
 * @param frozen true if the refund froze the wallet
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
        boolean frozen,
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
     * @param frozen whether frozen
     * @param replay whether replayed
     * @throws NullPointerException if an object component is null
     */
    public RefundResult {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(kind, "kind");
    }
}
