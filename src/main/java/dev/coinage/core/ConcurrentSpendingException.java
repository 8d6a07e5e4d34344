package dev.coinage.core;

import java.util.Objects;

/**
 * A member's coins kept moving under concurrent spending, refunds or recharges while a gift or a refund tried to pick
 * the coin lots it consumes: every attempt found a lot it had picked emptied by another request. Nothing was written;
 * the request can be retried as it is (with the same idempotency key).
 *
 * <p>Only a member spending from many threads at once can meet this: Coinage retries with a growing random pause
 * before giving up.
 */
public class ConcurrentSpendingException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId user;
    private final int attempts;

    /**
     * Creates the exception.
     *
     * @param user the member whose coins kept moving, not null
     * @param attempts how many times the request was tried
     */
    public ConcurrentSpendingException(UserId user, int attempts) {
        super("the coins of " + Objects.requireNonNull(user, "user") + " kept moving under concurrent requests; tried "
                + attempts + " times, nothing was written; retry");
        this.user = user;
        this.attempts = attempts;
    }

    /**
     * Returns the member whose coins kept moving.
     *
     * @return the member, never null
     */
    public UserId user() {
        return user;
    }

    /**
     * Returns how many times the request was tried.
     *
     * @return the attempts
     */
    public int attempts() {
        return attempts;
    }
}
