package dev.coinage.pricing;

import dev.coinage.core.CoinageException;
import java.time.Instant;
import java.util.Objects;

/** Thrown when a quote is executed at or after its expiry. The caller should ask for a new quote. */
public final class QuoteExpiredException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final QuoteId quoteId;
    private final Instant expiresAt;
    private final Instant now;

    /**
     * Creates the exception.
     *
     * @param quoteId the expired quote, not null
     * @param expiresAt when it expired, not null
     * @param now when execution was attempted, not null
     */
    public QuoteExpiredException(QuoteId quoteId, Instant expiresAt, Instant now) {
        super("quote " + Objects.requireNonNull(quoteId, "quoteId") + " expired at "
                + Objects.requireNonNull(expiresAt, "expiresAt") + ", now " + Objects.requireNonNull(now, "now"));
        this.quoteId = quoteId;
        this.expiresAt = expiresAt;
        this.now = now;
    }

    /**
     * Returns the expired quote's id.
     *
     * @return the id, never null
     */
    public QuoteId quoteId() {
        return quoteId;
    }

    /**
     * Returns when the quote expired.
     *
     * @return the instant, never null
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Returns when execution was attempted.
     *
     * @return the instant, never null
     */
    public Instant now() {
        return now;
    }
}
