package dev.coinage.spi;

import java.util.Objects;

/**
 * What a payout provider says of a payout.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param status the outcome so far, not null
 * @param reason the provider's reason for a failure or return, empty otherwise, not null
 */
public record PayoutResult(Status status, String reason) {
    /** A payout's outcome as the provider reports it. */
    public enum Status {
        /** Received and in progress (PayPal PENDING, ONHOLD, UNCLAIMED; Stripe pending, in_transit). */
        PENDING,
        /** The money reached the creator (PayPal SUCCESS, Stripe paid). */
        PAID,
        /** No money was sent (PayPal FAILED, BLOCKED; Stripe failed, canceled). */
        FAILED,
        /** Paid, then the money came back (PayPal RETURNED, REFUNDED, REVERSED; Stripe paid then failed). */
        RETURNED,
        /** The provider never received a payout with this id. */
        NOT_FOUND
    }

    /**
     * Validates the result.
     *
     * @param status the status, not null
     * @param reason the reason, not null
     * @throws NullPointerException if a field is null
     */
    public PayoutResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns a result without a reason.
     *
     * @param status the status, not null
     * @return the result, never null
     */
    public static PayoutResult of(Status status) {
        return new PayoutResult(status, "");
    }
}
