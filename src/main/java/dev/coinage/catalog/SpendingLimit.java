package dev.coinage.catalog;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.money.MonetaryAmount;

/**
 * A cap on what a viewer may spend on gifts in a period, in coins (such as 10,000 coins per gift) or in money (such as
 * 500 USD per day).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SpendingLimit {
    private final LimitPeriod period;
    private final long coins;
    private final MonetaryAmount fiat;

    private SpendingLimit(LimitPeriod period, long coins, MonetaryAmount fiat) {
        this.period = period;
        this.coins = coins;
        this.fiat = fiat;
    }

    /**
     * Obtains a limit in coins.
     *
     * @param period the period, not null
     * @param coins the most coins spent in the period, positive
     * @return the limit, never null
     * @throws IllegalArgumentException if {@code coins} is not positive
     */
    public static SpendingLimit ofCoins(LimitPeriod period, long coins) {
        if (coins <= 0) {
            throw new IllegalArgumentException("coin limit must be positive: " + coins);
        }
        return new SpendingLimit(Objects.requireNonNull(period, "period"), coins, null);
    }

    /**
     * Obtains a limit in money.
     *
     * @param period the period, not null
     * @param amount the most money spent in the period, positive, not null
     * @return the limit, never null
     * @throws IllegalArgumentException if {@code amount} is not positive
     */
    public static SpendingLimit ofFiat(LimitPeriod period, MonetaryAmount amount) {
        Objects.requireNonNull(amount, "amount");
        Decimals.positive(Decimals.number(amount), "amount");
        return new SpendingLimit(Objects.requireNonNull(period, "period"), 0, amount);
    }

    /**
     * Returns the period.
     *
     * @return the period, never null
     */
    public LimitPeriod period() {
        return period;
    }

    /**
     * Returns the limit in coins.
     *
     * @return the coins, empty for a limit in money
     */
    public OptionalLong coins() {
        return fiat == null ? OptionalLong.of(coins) : OptionalLong.empty();
    }

    /**
     * Returns the limit in money.
     *
     * @return the amount, empty for a limit in coins
     */
    public Optional<MonetaryAmount> fiat() {
        return Optional.ofNullable(fiat);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpendingLimit
                && ((SpendingLimit) o).period == period
                && ((SpendingLimit) o).coins == coins
                && Objects.equals(((SpendingLimit) o).fiat, fiat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, coins, fiat);
    }

    @Override
    public String toString() {
        return "SpendingLimit[" + period + ", " + (fiat == null ? coins + " coins" : fiat) + "]";
    }
}
