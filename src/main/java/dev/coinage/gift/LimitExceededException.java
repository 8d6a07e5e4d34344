package dev.coinage.gift;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Thrown when a gift would take a viewer past a spending limit, the platform's or their own. Carries the period, the
 * limit in coins, the coins already spent in the period and the coins the gift would have spent; for a limit set in
 * money, counted at the cost of the coins spent, it also carries the limit, the money used and the money the gift's
 * coins cost ({@link #moneyLimit}, {@link #moneyUsed}, {@link #moneyAttempted}). Nothing was written except, possibly,
 * the grant of the period's allowance (which changes no balance a user sees).
 */
public final class LimitExceededException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId user;
    private final LimitPeriod period;
    private final long limit;
    private final long used;
    private final long attempted;
    private final transient MonetaryAmount moneyLimit;
    private final transient MonetaryAmount moneyUsed;
    private final transient MonetaryAmount moneyAttempted;

    private LimitExceededException(UserId user, LimitPeriod period, long limit, long used, long attempted) {
        super("spending limit of " + Objects.requireNonNull(user, "user") + " per "
                + Objects.requireNonNull(period, "period") + " exceeded: limit " + limit + " coins, used " + used
                + ", attempted " + attempted);
        this.user = user;
        this.period = period;
        this.limit = limit;
        this.used = used;
        this.attempted = attempted;
        this.moneyLimit = null;
        this.moneyUsed = null;
        this.moneyAttempted = null;
    }

    private LimitExceededException(
            UserId user,
            LimitPeriod period,
            MonetaryAmount limit,
            MonetaryAmount used,
            MonetaryAmount attempted,
            long coins) {
        super("spending limit of " + Objects.requireNonNull(user, "user") + " per "
                + Objects.requireNonNull(period, "period") + " exceeded at cost: limit "
                + Objects.requireNonNull(limit, "limit") + ", used " + Objects.requireNonNull(used, "used")
                + ", attempted " + Objects.requireNonNull(attempted, "attempted") + " (" + coins + " coins)");
        this.user = user;
        this.period = period;
        this.limit = 0;
        this.used = 0;
        this.attempted = coins;
        this.moneyLimit = limit;
        this.moneyUsed = used;
        this.moneyAttempted = attempted;
    }

    /**
     * A gift would take the viewer past a limit set in money, counted at the cost of the coins spent: what the coins
     * gifted in the span cost plus what the gift's coins cost would exceed the limit.
     *
     * @param user the viewer, not null
     * @param period the period of the limit, {@link LimitPeriod#DAY}, {@link LimitPeriod#WEEK} or
     *     {@link LimitPeriod#MONTH}
     * @param limit the limit, in the base currency, not null
     * @param used what the coins gifted in the span cost, not null
     * @param attempted what the gift's coins cost, not null
     * @param coins the coins the gift would have spent
     * @return the exception, never null
     * @throws IllegalArgumentException if {@code period} is {@link LimitPeriod#PER_GIFT}
     */
    public static LimitExceededException atCost(
            UserId user,
            LimitPeriod period,
            MonetaryAmount limit,
            MonetaryAmount used,
            MonetaryAmount attempted,
            long coins) {
        if (Objects.requireNonNull(period, "period") == LimitPeriod.PER_GIFT) {
            throw new IllegalArgumentException("a per-gift limit is counted in coins");
        }
        return new LimitExceededException(user, period, limit, used, attempted, coins);
    }

    /**
     * Returns the limit set in money that would be exceeded, in the base currency.
     *
     * @return the limit; empty for a limit counted in coins
     */
    public Optional<MonetaryAmount> moneyLimit() {
        return Optional.ofNullable(moneyLimit);
    }

    /**
     * Returns what the coins gifted in the period cost, for a limit set in money.
     *
     * @return the money used; empty for a limit counted in coins
     */
    public Optional<MonetaryAmount> moneyUsed() {
        return Optional.ofNullable(moneyUsed);
    }

    /**
     * Returns what the refused gift's coins cost, for a limit set in money.
     *
     * @return the money attempted; empty for a limit counted in coins
     */
    public Optional<MonetaryAmount> moneyAttempted() {
        return Optional.ofNullable(moneyAttempted);
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
     * @return the limit; 0 for a limit set in money (see {@link #moneyLimit})
     */
    public long limit() {
        return limit;
    }

    /**
     * Returns the coins already spent in the period.
     *
     * @return the coins used, 0 for a per-gift limit or a limit set in money (see {@link #moneyUsed})
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
