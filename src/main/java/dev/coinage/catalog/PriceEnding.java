package dev.coinage.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A "charm price" rule for derived package prices: the price is raised to the nearest value at or above the exact
 * price that ends in {@link #ending()} modulo {@link #step()}. With step 1 and ending 0.99 a price of 3.40 becomes
 * 3.99; with step 10 and ending 0 a price of 111 JPY becomes 120.
 *
 * <p>The rule never lowers a price and is monotonic: a higher exact price never gets a lower result.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param step the spacing of allowed prices, positive
 * @param ending the remainder every allowed price leaves modulo {@code step}, at least 0 and below {@code step}
 */
public record PriceEnding(BigDecimal step, BigDecimal ending) {
    /**
     * Creates a rule.
     *
     * @param step the spacing of allowed prices, positive
     * @param ending the remainder, at least 0 and below {@code step}
     * @throws IllegalArgumentException if {@code step} is not positive or {@code ending} out of range
     */
    public PriceEnding {
        Decimals.positive(step, "step");
        Decimals.bounded(Objects.requireNonNull(ending, "ending"), "ending");
        if (ending.signum() < 0 || ending.compareTo(step) >= 0) {
            throw new IllegalArgumentException("ending must be at least 0 and below the step " + step + ": " + ending);
        }
    }

    /**
     * Returns the smallest allowed price at or above a positive exact price.
     *
     * @param exact the exact price, positive, not null
     * @return the allowed price, at least {@code exact} and less than {@code exact + step}
     */
    public BigDecimal apply(BigDecimal exact) {
        BigDecimal k = exact.subtract(ending).divide(step, 0, RoundingMode.CEILING);
        if (k.signum() < 0) {
            k = BigDecimal.ZERO;
        }
        return ending.add(k.multiply(step));
    }
}
