package dev.coinage.recharge;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A refund or chargeback of a purchase, in full or of some of its coins.
 *
 * @param refundId the provider's id of the refund or dispute, which makes the call idempotent, not null, not blank
 * @param purchase the purchase's reference, not null
 * @param coins the coins to claw back, empty for everything not refunded yet, positive if present, not null
 * @param kind refund or chargeback, not null
 */
public record RefundRequest(String refundId, String purchase, OptionalLong coins, RefundKind kind) {
    /**
     * Checks the request.
     *
     * @param refundId the refund's id, not null, not blank
     * @param purchase the purchase's reference, not null
     * @param coins the coins, empty for a full refund, not null
     * @param kind the kind, not null
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the id is blank or the coins are not positive
     */
    public RefundRequest {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(coins, "coins");
        Objects.requireNonNull(kind, "kind");
        if (refundId.isBlank()) {
            throw new IllegalArgumentException("refundId must not be blank");
        }
        if (coins.isPresent() && coins.getAsLong() <= 0) {
            throw new IllegalArgumentException("coins must be positive: " + coins.getAsLong());
        }
    }

    /**
     * Returns a request to refund everything of the purchase not refunded yet.
     *
     * @param refundId the refund's id, not null
     * @param purchase the purchase's reference, not null
     * @param kind the kind, not null
     * @return the request, never null
     */
    public static RefundRequest full(String refundId, String purchase, RefundKind kind) {
        return new RefundRequest(refundId, purchase, OptionalLong.empty(), kind);
    }

    /**
     * Returns a request to refund some coins of the purchase.
     *
     * @param refundId the refund's id, not null
     * @param purchase the purchase's reference, not null
     * @param coins the coins, positive
     * @param kind the kind, not null
     * @return the request, never null
     */
    public static RefundRequest partial(String refundId, String purchase, long coins, RefundKind kind) {
        return new RefundRequest(refundId, purchase, OptionalLong.of(coins), kind);
    }
}
