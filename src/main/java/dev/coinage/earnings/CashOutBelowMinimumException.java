package dev.coinage.earnings;

import dev.coinage.core.CoinageException;

/**
 * A cash-out asked for fewer diamonds than the economy's minimum, or for so few that the fees take it all; nothing was written.
 */
public final class CashOutBelowMinimumException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long minimum;

    /**
     * Creates the exception.
     *
     * @param requested the diamonds asked for
     * @param minimum the fewest diamonds a cash-out may take
     */
    public CashOutBelowMinimumException(long requested, long minimum) {
        super("a cash-out of " + requested + " diamonds is below the minimum of " + minimum);
        this.requested = requested;
        this.minimum = minimum;
    }

    /**
     * Returns the diamonds asked for.
     *
     * @return the diamonds asked for
     */
    public long requested() {
        return requested;
    }

    /**
     * Returns the fewest diamonds a cash-out may take.
     *
     * @return the fewest diamonds a cash-out may take
     */
    public long minimum() {
        return minimum;
    }
}
