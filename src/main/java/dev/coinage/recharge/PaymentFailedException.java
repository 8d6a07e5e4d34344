package dev.coinage.recharge;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/** Thrown when the payment gateway reports a charge as failed. No coins were credited; nothing was written. */
public final class PaymentFailedException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String providerTransactionId;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param providerTransactionId the provider's id of the failed payment, not null
     * @param reason the provider's reason, not null
     */
    public PaymentFailedException(String providerTransactionId, String reason) {
        super("payment " + Objects.requireNonNull(providerTransactionId, "providerTransactionId") + " failed: "
                + Objects.requireNonNull(reason, "reason"));
        this.providerTransactionId = providerTransactionId;
        this.reason = reason;
    }

    /**
     * Returns the provider's id of the payment.
     *
     * @return the id, never null
     */
    public String providerTransactionId() {
        return providerTransactionId;
    }

    /**
     * Returns the provider's reason.
     *
     * @return the reason, never null
     */
    public String reason() {
        return reason;
    }
}
