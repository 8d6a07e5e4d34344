package dev.coinage.catalog;

/**
 * An inclusive range of coin prices, such as the prices a gift may take on videos.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param min the lowest price, positive
 * @param max the highest price, at least {@code min}
 */
public record CoinRange(long min, long max) {
    /**
     * Creates a range.
     *
     * @param min the lowest price, positive
     * @param max the highest price, at least {@code min}
     * @throws IllegalArgumentException if {@code min} is not positive or {@code max} is below it
     */
    public CoinRange {
        if (min <= 0) {
            throw new IllegalArgumentException("min must be positive: " + min);
        }
        if (max < min) {
            throw new IllegalArgumentException("max " + max + " is below min " + min);
        }
    }

    /**
     * Tells whether a price lies in the range.
     *
     * @param coins the price
     * @return true if {@code min <= coins <= max}
     */
    public boolean contains(long coins) {
        return coins >= min && coins <= max;
    }
}
