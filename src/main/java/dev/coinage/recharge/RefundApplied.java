package dev.coinage.recharge;

import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * A refund or chargeback was applied to a buyer's wallet (published once per refund, never for a replay).
 *
 * @param user the buyer, not null
 * @param result what the refund did, not null
 */
public record RefundApplied(UserId user, RefundResult result) {
    /**
     * Checks the event.
     *
     * @param user the buyer, not null
     * @param result the result, not null
     * @throws NullPointerException if a component is null
     */
    public RefundApplied {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(result, "result");
    }
}
