package dev.coinage.spi;

import java.util.Objects;

/**
 * What the {@link PaymentGateway} says of a charge.
 *
 * @param status the outcome, not null
 * @param providerTransactionId the provider's id of the payment, which later webhooks name; the purchase's reference in
 *     Coinage, not null, not blank
 * @param reason why the payment failed, empty unless it failed, not null
 */
public record PaymentResult(Status status, String providerTransactionId, String reason) {
    /** The outcome of a charge. */
    public enum Status {
        /** The money is captured: the coins are credited now. */
        SUCCEEDED,
        /** Nothing was captured. */
        FAILED,
        /** The outcome will come later by webhook. */
        PENDING
    }

    /**
     * Checks the result.
     *
     * @param status the outcome, not null
     * @param providerTransactionId the provider's id, not null, not blank
     * @param reason the failure reason, not null
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the provider's id is blank
     */
    public PaymentResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(providerTransactionId, "providerTransactionId");
        Objects.requireNonNull(reason, "reason");
        if (providerTransactionId.isBlank()) {
            throw new IllegalArgumentException("providerTransactionId must not be blank");
        }
    }

    /**
     * Returns a successful result.
     *
     * @param providerTransactionId the provider's id, not null
     * @return the result, never null
     */
    public static PaymentResult succeeded(String providerTransactionId) {
        return new PaymentResult(Status.SUCCEEDED, providerTransactionId, "");
    }

    /**
     * Returns a pending result.
     *
     * @param providerTransactionId the provider's id, not null
     * @return the result, never null
     */
    public static PaymentResult pending(String providerTransactionId) {
        return new PaymentResult(Status.PENDING, providerTransactionId, "");
    }

    /**
     * Returns a failed result.
     *
     * @param providerTransactionId the provider's id, not null
     * @param reason why, not null
     * @return the result, never null
     */
    public static PaymentResult failed(String providerTransactionId, String reason) {
        return new PaymentResult(Status.FAILED, providerTransactionId, reason);
    }
}
