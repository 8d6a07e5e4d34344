package dev.coinage.spi;

/**
 * The host's payment provider, through which a recharge quote is charged.
 *
 * <p><b>Implementation specification.</b> {@link #charge} must be idempotent on {@link PaymentRequest#key()}: the same
 * key charges the buyer at most once and returns the same provider transaction id (payment providers accept such a key,
 * for example Stripe's {@code Idempotency-Key}). It returns {@link PaymentResult.Status#SUCCEEDED} only when the money
 * is captured, {@link PaymentResult.Status#PENDING} when the outcome will arrive later by webhook (which the host turns
 * into {@code Recharges.confirm} or {@code Recharges.decline}), and {@link PaymentResult.Status#FAILED} when nothing
 * was captured. It may throw for a transport failure; Coinage has then written nothing and the caller retries with the
 * same key.
 */
@FunctionalInterface
public interface PaymentGateway {
    /**
     * Charges a payment.
     *
     * @param request what to charge, not null
     * @return the outcome, never null
     */
    PaymentResult charge(PaymentRequest request);
}
