package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/**
 * A cash-out step does not apply to the payout's state (approving a rejected payout, paying one still in review); nothing was written.
 */
public final class PayoutStateException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String payoutId;
    private final PayoutStatus status;
    private final String step;

    /**
     * Creates the exception.
     *
     * @param payoutId the payout, not null
     * @param status its state, not null
     * @param step the step asked for, not null
     */
    public PayoutStateException(String payoutId, PayoutStatus status, String step) {
        super("cannot " + step + " cash-out " + payoutId + ", it is " + status);
        this.payoutId = Objects.requireNonNull(payoutId, "payoutId");
        this.status = Objects.requireNonNull(status, "status");
        this.step = Objects.requireNonNull(step, "step");
    }

    /**
     * Returns the payout.
     *
     * @return the payout, never null
     */
    public String payoutId() {
        return payoutId;
    }

    /**
     * Returns its state.
     *
     * @return its state, never null
     */
    public PayoutStatus status() {
        return status;
    }

    /**
     * Returns the step asked for.
     *
     * @return the step asked for, never null
     */
    public String step() {
        return step;
    }
}
