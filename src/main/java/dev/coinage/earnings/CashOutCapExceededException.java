package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A cash-out would take the creator over a cap per calendar day or week; nothing was written.
 */
public final class CashOutCapExceededException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String period;
    private final transient MonetaryAmount cap;
    private final long remainingDiamonds;
    private final long requested;

    /**
     * Creates the exception.
     *
     * @param period the period capped: {@code "day"} or {@code "week"}, not null
     * @param cap the cap in money, not null
     * @param remainingDiamonds the diamonds still allowed in the period
     * @param requested the diamonds asked for
     */
    public CashOutCapExceededException(String period, MonetaryAmount cap, long remainingDiamonds, long requested) {
        super("a cash-out of " + requested + " diamonds exceeds the " + period + " cap of " + cap + ": "
                + remainingDiamonds + " diamonds left");
        this.period = Objects.requireNonNull(period, "period");
        this.cap = Objects.requireNonNull(cap, "cap");
        this.remainingDiamonds = remainingDiamonds;
        this.requested = requested;
    }

    /**
     * Returns the period capped: {@code "day"} or {@code "week"}.
     *
     * @return the period capped: {@code "day"} or {@code "week"}, never null
     */
    public String period() {
        return period;
    }

    /**
     * Returns the cap in money.
     *
     * @return the cap in money, never null
     */
    public MonetaryAmount cap() {
        return cap;
    }

    /**
     * Returns the diamonds still allowed in the period.
     *
     * @return the diamonds still allowed in the period
     */
    public long remainingDiamonds() {
        return remainingDiamonds;
    }

    /**
     * Returns the diamonds asked for.
     *
     * @return the diamonds asked for
     */
    public long requested() {
        return requested;
    }
}
