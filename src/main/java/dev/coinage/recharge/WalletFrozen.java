package dev.coinage.recharge;

import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * A wallet was frozen because a refund clawed back coins already spent.
 *
 * @param user the owner, not null
 * @param refundId the refund that froze it, not null
 */
public record WalletFrozen(UserId user, String refundId) {
    /**
     * Checks the event.
     *
     * @param user the owner, not null
     * @param refundId the refund's id, not null
     * @throws NullPointerException if a component is null
     */
    public WalletFrozen {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(refundId, "refundId");
    }
}
