package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * A cash-out asked for more diamonds than the creator has available (released and not reserved); nothing was written.
 */
public final class InsufficientAvailableDiamondsException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId creator;
    private final long requested;
    private final long available;

    /**
     * Creates the exception.
     *
     * @param creator the creator, not null
     * @param requested the diamonds asked for
     * @param available the diamonds available
     */
    public InsufficientAvailableDiamondsException(UserId creator, long requested, long available) {
        super("creator " + creator + " asked to cash out " + requested + " diamonds, " + available + " available");
        this.creator = Objects.requireNonNull(creator, "creator");
        this.requested = requested;
        this.available = available;
    }

    /**
     * Returns the creator.
     *
     * @return the creator, never null
     */
    public UserId creator() {
        return creator;
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
     * Returns the diamonds available.
     *
     * @return the diamonds available
     */
    public long available() {
        return available;
    }
}
