package dev.coinage.gift;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * Thrown when a gift would take a viewer past a spending limit, the platform's or their own. Carries the period, the
 * limit in coins, the coins already spent in the period and the coins the gift would have spent. Nothing was written
 * except, possibly, the grant of the period's allowance (which changes no balance a user sees).
 */
public final class LimitExceededException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId user;
    private final LimitPeriod period;
    private final long limit;
    private final long used;
    private final long attempted;

    private LimitExceededException(UserId user, LimitPeriod period, long limit, long used, long attempted) {
        super("spending limit of " + Objects.requireNonNull(user, "user") + " per "
                + Objects.requireNonNull(period, "period") + " exceeded: limit " + limit + " coins, used " + used
                + ", attempted " + attempted);
        this.user = user;
        this.period = period;
        this.limit = limit;
        this.used = used;
        this.attempted = attempted;
    }

    /**
     * A gift costs more than the per-gift limit ({@link LimitPeriod#PER_GIFT}); nothing counts as used.
     *
     * @param user the viewer, not null
     * @param limit the per-gift limit in coins
     * @param attempted the coins the gift would have spent
     * @return the exception, never null
     */
    public static LimitExceededException perGift(UserId user, long limit, long attempted) {
        return new LimitExceededException(user, LimitPeriod.PER_GIFT, limit, 0, attempted);
    }

    /**
     * A gift would take the viewer past the limit of a span: a day, a week or a month.
     *
     * @param user the viewer, not null
     * @param period the period of the limit, {@link LimitPeriod#DAY}, {@link LimitPeriod#WEEK} or
     *     {@link LimitPeriod#MONTH}
     * @param limit the limit in force for the span, in coins
     * @param used the coins already spent in the span
     * @param attempted the coins the gift would have spent
     * @return the exception, never null
     * @throws IllegalArgumentException if {@code period} is {@link LimitPeriod#PER_GIFT} (see {@link #perGift})
     */
    public static LimitExceededException inPeriod(
            UserId user, LimitPeriod period, long limit, long used, long attempted) {
        if (Objects.requireNonNull(period, "period") == LimitPeriod.PER_GIFT) {
            throw new IllegalArgumentException("a per-gift limit has no span: use perGift");
        }
        return new LimitExceededException(user, period, limit, used, attempted);
    }

    /**
     * Returns the viewer.
     *
     * @return the user, never null
     */
    public UserId user() {
        return user;
    }

    /**
     * Returns the period of the limit that would be exceeded.
     *
     * @return the period, never null
     */
    public LimitPeriod period() {
        return period;
    }

    /**
     * Returns the limit in coins: the lower of the platform's cap and the viewer's own.
     *
     * @return the limit
     */
    public long limit() {
        return limit;
    }

    /**
     * Returns the coins already spent in the period.
     *
     * @return the coins used, 0 for a per-gift limit
     */
    public long used() {
        return used;
    }

    /**
     * Returns the coins the refused gift would have spent.
     *
     * @return the coins attempted
     */
    public long attempted() {
        return attempted;
    }

    /**
     * Returns the coins still allowed in the period: {@code limit - used}, never below zero.
     *
     * @return the remaining coins
     */
    public long remaining() {
        return Math.max(0, limit - used);
    }
}
