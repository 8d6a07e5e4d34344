package dev.coinage.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import javax.money.CurrencyUnit;

/**
 * An exchange rate as of an instant: one unit of {@link #base()} is worth {@link #factor()} units of {@link #term()}.
 * A quote that derives a price records the rate it used.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param base the currency converted from, not null
 * @param term the currency converted to, not null, not the base
 * @param factor units of {@code term} per unit of {@code base}, positive, below 10^12, at most 18 decimals, not null
 * @param asOf the instant the rate is quoted for, not null
 * @param source who supplied the rate, such as {@code "fixed"} or a provider's name, not null, not blank
 */
public record FxRate(CurrencyUnit base, CurrencyUnit term, BigDecimal factor, Instant asOf, String source) {
    /**
     * Creates a rate.
     *
     * @param base the currency converted from, not null
     * @param term the currency converted to, not null
     * @param factor units of term per unit of base, positive
     * @param asOf the instant of the rate, not null
     * @param source who supplied it, not blank
     * @throws IllegalArgumentException if the currencies are the same, the factor is not positive or the source blank
     */
    public FxRate {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(term, "term");
        if (base.getCurrencyCode().equals(term.getCurrencyCode())) {
            throw new IllegalArgumentException("a rate needs two currencies, got " + base + " twice");
        }
        if (Objects.requireNonNull(factor, "factor").signum() <= 0) {
            throw new IllegalArgumentException("factor must be positive: " + factor);
        }
        BigDecimal stripped = factor.stripTrailingZeros();
        if ((long) stripped.precision() - stripped.scale() > 12 || stripped.scale() > 18) {
            // Keeps every price derived with this rate cheap to round; no real rate comes near.
            throw new IllegalArgumentException("factor must be below 1e12 with at most 18 decimals: " + factor);
        }
        Objects.requireNonNull(asOf, "asOf");
        if (Objects.requireNonNull(source, "source").isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
    }

    /**
     * Returns the rate's text form, such as {@code USD/EUR 0.92 as of 2026-01-01T00:00:00Z (fixed)}.
     *
     * @return the text, never null
     */
    @Override
    public String toString() {
        return base.getCurrencyCode() + "/" + term.getCurrencyCode() + " " + factor.toPlainString() + " as of " + asOf
                + " (" + source + ")";
    }
}
