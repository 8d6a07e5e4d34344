package dev.coinage.spi;

import dev.coinage.core.UserId;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A payout to send: the id that makes it idempotent, the creator to pay and the amount, in the creator's payout
 * currency, after fees.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param payoutId the payout's id, the provider's idempotency key, not null
 * @param creator the creator paid, not null
 * @param amount the net amount to send, not null
 */
public record PayoutRequest(String payoutId, UserId creator, MonetaryAmount amount) {
    /**
     * Validates the request.
     *
     * @param payoutId the payout's id, not null
     * @param creator the creator, not null
     * @param amount the amount, not null
     * @throws NullPointerException if a field is null
     */
    public PayoutRequest {
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(amount, "amount");
    }
}
