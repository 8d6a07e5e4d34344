package dev.coinage.spi;

/**
 * The host's payout provider (PayPal Payouts, Stripe Connect payouts, a bank file...), through which a creator's
 * cash-out is sent.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>{@link #submit} must be idempotent on {@link PayoutRequest#payoutId()}: the same id sends money at most once
 *       and answers the same payout (providers accept such a key, for example PayPal's {@code sender_item_id} or
 *       Stripe's {@code Idempotency-Key}). Coinage records the payout as submitted before it calls, and calls again
 *       with the same id after a crash or timeout.
 *   <li>{@link #status} answers what the provider knows of a payout by its id, {@link PayoutResult.Status#NOT_FOUND}
 *       if it never received it: how a payout whose outcome was lost in a crash is reconciled.
 *   <li>Either method may throw for a transport failure; Coinage then keeps the payout submitted with its outcome
 *       unknown, to be reconciled later.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface PayoutGateway {
    /**
     * Sends a payout, or answers the one already sent under its id.
     *
     * @param request what to pay, not null
     * @return the outcome so far, never null
     */
    PayoutResult submit(PayoutRequest request);

    /**
     * Looks up a payout by its id.
     *
     * @param payoutId the payout's id, as submitted, not null
     * @return the outcome so far, {@link PayoutResult.Status#NOT_FOUND} if the provider never received it, never null
     */
    PayoutResult status(String payoutId);
}
