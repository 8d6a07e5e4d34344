package dev.coinage.pricing;

import dev.coinage.core.CoinageException;
import java.time.Instant;
import java.util.Objects;

/** Thrown when no price table is in force at an instant: every table of the definition takes effect later. */
public final class NoPriceTableException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final Instant asOf;

    /**
     * Creates the exception.
     *
     * @param asOf the instant asked for, not null
     */
    public NoPriceTableException(Instant asOf) {
        super("no price table in force as of " + Objects.requireNonNull(asOf, "asOf"));
        this.asOf = asOf;
    }

    /**
     * Returns the instant asked for.
     *
     * @return the instant, never null
     */
    public Instant asOf() {
        return asOf;
    }
}
