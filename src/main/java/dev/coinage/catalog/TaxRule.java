package dev.coinage.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The tax on coin purchases in a region: a rate and whether prices are shown with it included.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param rate the tax rate, at least 0 and below 1, such as {@code 0.19}
 * @param display whether price points include the tax, not null
 */
public record TaxRule(BigDecimal rate, TaxDisplay display) {
    /** No tax, prices shown net. */
    public static final TaxRule NONE = new TaxRule(BigDecimal.ZERO, TaxDisplay.EXCLUSIVE);

    /**
     * Creates a rule.
     *
     * @param rate the tax rate, at least 0 and below 1
     * @param display whether price points include the tax, not null
     * @throws IllegalArgumentException if the rate is out of range
     */
    public TaxRule {
        Decimals.fraction(rate, "rate");
        Objects.requireNonNull(display, "display");
    }
}
