package dev.coinage.ledger;

import dev.coinage.core.IdempotencyKey;
import java.util.Objects;

/**
 * Thrown when an idempotency key is reused for a request whose contents differ from the request that first used it.
 * The first request's result stands; nothing was changed by the second.
 */
public final class IdempotencyConflictException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final IdempotencyKey key;

    /**
     * Creates the exception.
     *
     * @param key the reused key, not null
     */
    public IdempotencyConflictException(IdempotencyKey key) {
        super("idempotency key '" + Objects.requireNonNull(key, "key") + "' was already used for a different request");
        this.key = key;
    }

    /**
     * Returns the reused key.
     *
     * @return the key, never null
     */
    public IdempotencyKey key() {
        return key;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@link Rejection#KEY_REUSED}
     */
    @Override
    public Rejection reason() {
        return Rejection.KEY_REUSED;
    }
}
