package dev.coinage.core;

/**
 * A whole number of diamonds, the creator-side earnings unit. Creators earn diamonds from the gifts they receive and
 * cash them out as money.
 *
 * <p>Arithmetic is exact: an operation whose result does not fit in a {@code long} throws {@link ArithmeticException}
 * instead of wrapping.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Diamonds implements Comparable<Diamonds> {
    /** No diamonds. */
    public static final Diamonds ZERO = new Diamonds(0);

    private final long amount;

    private Diamonds(long amount) {
        this.amount = amount;
    }

    /**
     * Obtains an amount of diamonds.
     *
     * @param amount the number of diamonds, may be negative (a system account balance)
     * @return the amount, never null
     */
    public static Diamonds of(long amount) {
        return amount == 0 ? ZERO : new Diamonds(amount);
    }

    /**
     * Obtains a strictly positive amount of diamonds, as every movement of diamonds must be.
     *
     * @param amount the number of diamonds, greater than zero
     * @return the amount, never null
     * @throws IllegalArgumentException if {@code amount} is zero or negative
     */
    public static Diamonds positive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("diamonds must be positive: " + amount);
        }
        return new Diamonds(amount);
    }

    /**
     * Returns the number of diamonds.
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
    public Diamonds plus(Diamonds other) {
        return of(Math.addExact(amount, other.amount));
    }

    /**
     * Returns this amount minus another.
     *
     * @param other the amount to subtract, not null
     * @return the difference, never null
     * @throws ArithmeticException if the difference overflows a {@code long}
     */
    public Diamonds minus(Diamonds other) {
        return of(Math.subtractExact(amount, other.amount));
    }

    /**
     * Returns this amount multiplied by a count, as when a per-gift amount is repeated.
     *
     * @param count the multiplier
     * @return the product, never null
     * @throws ArithmeticException if the product overflows a {@code long}
     */
    public Diamonds times(long count) {
        return of(Math.multiplyExact(amount, count));
    }

    /**
     * Tells whether this amount is below zero.
     *
     * @return true for a negative amount
     */
    public boolean isNegative() {
        return amount < 0;
    }

    /**
     * Tells whether this amount is zero.
     *
     * @return true if there are no diamonds
     */
    public boolean isZero() {
        return amount == 0;
    }

    @Override
    public int compareTo(Diamonds other) {
        return Long.compare(amount, other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Diamonds && ((Diamonds) o).amount == amount;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(amount);
    }

    /**
     * Returns the amount followed by the unit, such as {@code "35 diamonds"}.
     *
     * @return the text form, never null
     */
    @Override
    public String toString() {
        return amount + (amount == 1 || amount == -1 ? " diamond" : " diamonds");
    }
}
