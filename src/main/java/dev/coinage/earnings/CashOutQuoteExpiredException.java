package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import java.time.Instant;
import java.util.Objects;

/**
 * A cash-out quote was used after it expired; nothing was written. Quote again.
 */
public final class CashOutQuoteExpiredException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final Instant expiresAt;
    private final Instant now;

    /**
     * Creates the exception.
     *
     * @param expiresAt when the quote expired, not null
     * @param now the economy's time when it was used, not null
     */
    public CashOutQuoteExpiredException(Instant expiresAt, Instant now) {
        super("cash-out quote expired at " + expiresAt + ", now " + now);
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.now = Objects.requireNonNull(now, "now");
    }

    /**
     * Returns when the quote expired.
     *
     * @return when the quote expired, never null
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Returns the economy's time when it was used.
     *
     * @return the economy's time when it was used, never null
     */
    public Instant now() {
        return now;
    }
}
