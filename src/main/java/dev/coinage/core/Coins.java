package dev.coinage.core;

/**
 * A whole number of coins, the viewer-side currency. Coins are bought in packages and spent on gifts; they are never
 * withdrawn. An amount may be negative only as a wallet balance in debt after a refund.
 *
 * <p>Arithmetic is exact: an operation whose result does not fit in a {@code long} throws {@link ArithmeticException}
 * instead of wrapping.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Coins implements Comparable<Coins> {
    /** No coins. */
    public static final Coins ZERO = new Coins(0);

    private final long amount;

    private Coins(long amount) {
        this.amount = amount;
    }

    /**
     * Obtains an amount of coins.
     *
     * @param amount the number of coins, may be negative (a balance in debt)
     * @return the amount, never null
     */
    public static Coins of(long amount) {
        return amount == 0 ? ZERO : new Coins(amount);
    }

    /**
     * Obtains a strictly positive amount of coins, as every movement of coins must be.
     *
     * @param amount the number of coins, greater than zero
     * @return the amount, never null
     * @throws IllegalArgumentException if {@code amount} is zero or negative
     */
    public static Coins positive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("coins must be positive: " + amount);
        }
        return new Coins(amount);
    }

    /**
     * Returns the number of coins.
     *
     * @return the amount
     */
    public long amount() {
        return amount;
    }

    /**
     * Returns this amount plus another.
     *
     * @param other the amount to add, not null
     * @return the sum, never null
     * @throws ArithmeticException if the sum overflows a {@code long}
     */
    public Coins plus(Coins other) {
        return of(Math.addExact(amount, other.amount));
    }

    /**
     * Returns this amount minus another.
     *
     * @param other the amount to subtract, not null
     * @return the difference, never null
     * @throws ArithmeticException if the difference overflows a {@code long}
     */
    public Coins minus(Coins other) {
        return of(Math.subtractExact(amount, other.amount));
    }

    /**
     * Returns this amount multiplied by a count, as when {@code count} gifts of one price are sent.
     *
     * @param count the multiplier
     * @return the product, never null
     * @throws ArithmeticException if the product overflows a {@code long}
     */
    public Coins times(long count) {
        return of(Math.multiplyExact(amount, count));
    }

    /**
     * Tells whether this amount is below zero.
     *
     * @return true for a balance in debt
     */
    public boolean isNegative() {
        return amount < 0;
    }

    /**
     * Tells whether this amount is zero.
     *
     * @return true if there are no coins
     */
    public boolean isZero() {
        return amount == 0;
    }

    @Override
    public int compareTo(Coins other) {
        return Long.compare(amount, other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coins && ((Coins) o).amount == amount;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(amount);
    }

    /**
     * Returns the amount followed by the unit, such as {@code "70 coins"}.
     *
     * @return the text form, never null
     */
    @Override
    public String toString() {
        return amount + (amount == 1 || amount == -1 ? " coin" : " coins");
    }
}
