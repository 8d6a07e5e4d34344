package dev.coinage.catalog;

/**
 * The share of a gift's coins a creator earns as diamonds, as an exact ratio such as 1/2. Kept as two integers so
 * that no fraction of a diamond is lost to binary or decimal rounding.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param numerator the numerator, positive
 * @param denominator the denominator, at least the numerator, at most 1,000,000
 */
public record CreatorShare(long numerator, long denominator) {
    /** The largest denominator accepted, which keeps {@code coins × numerator} far from overflow. */
    public static final long MAX_DENOMINATOR = 1_000_000;

    /**
     * Creates a share.
     *
     * @param numerator the numerator, positive
     * @param denominator the denominator, from {@code numerator} to {@value #MAX_DENOMINATOR}
     * @throws IllegalArgumentException if the ratio is not in (0, 1] or the denominator is too large
     */
    public CreatorShare {
        if (numerator <= 0) {
            throw new IllegalArgumentException("numerator must be positive: " + numerator);
        }
        if (denominator < numerator || denominator > MAX_DENOMINATOR) {
            throw new IllegalArgumentException("denominator must be from the numerator " + numerator + " to "
                    + MAX_DENOMINATOR + ": " + denominator);
        }
    }
}
