package dev.coinage.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;

/**
 * How exact prices in one currency become payable prices: rounded to the currency's minor unit (2 decimals for USD, 0
 * for JPY, 3 for KWD) with a rounding mode, and optionally raised to a {@link PriceEnding} for derived package
 * prices. A price is never rounded below one minor unit.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param currency the currency, looked up once when the definition is loaded, not null
 * @param mode the rounding mode to the minor unit, not {@link RoundingMode#UNNECESSARY}, not null
 * @param ending the price ending for derived package prices, empty for none, not null
 */
public record PriceRounding(CurrencyUnit currency, RoundingMode mode, Optional<PriceEnding> ending) {
    /**
     * Creates a rounding rule.
     *
     * @param currency the currency, not null
     * @param mode the rounding mode, not null, not {@code UNNECESSARY}
     * @param ending the price ending, not null
     * @throws IllegalArgumentException if the mode is {@code UNNECESSARY} or the ending is finer than the minor unit
     */
    public PriceRounding {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ending, "ending");
        if (mode == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("rounding mode must not be UNNECESSARY");
        }
        int digits = currency.getDefaultFractionDigits();
        ending.ifPresent(e -> {
            if (Decimals.decimals(e.step()) > digits || Decimals.decimals(e.ending()) > digits) {
                throw new IllegalArgumentException(
                        "price ending " + e + " is finer than the minor unit of " + currency);
            }
        });
    }

    /**
     * Obtains the plain rule for a currency: half-up to the minor unit, no ending.
     *
     * @param currency the currency, not null
     * @return the rule, never null
     */
    public static PriceRounding minorUnits(CurrencyUnit currency) {
        return new PriceRounding(currency, RoundingMode.HALF_UP, Optional.empty());
    }

    /**
     * Returns the smallest payable amount, one minor unit (0.01 USD, 1 JPY, 0.001 KWD).
     *
     * @return the minor unit, never null
     */
    public BigDecimal minorUnit() {
        return BigDecimal.ONE.movePointLeft(currency.getDefaultFractionDigits());
    }

    /**
     * Rounds an exact price to the minor unit with this rule's mode, never below one minor unit.
     *
     * @param exact the exact price, positive, not null
     * @return the rounded price at the currency's scale, never null
     */
    public BigDecimal toMinorUnits(BigDecimal exact) {
        BigDecimal rounded = exact.setScale(currency.getDefaultFractionDigits(), mode);
        return rounded.signum() > 0 ? rounded : minorUnit();
    }

    /**
     * Rounds an exact derived package price: to the price ending if there is one, otherwise to the minor unit.
     *
     * @param exact the exact price, positive, not null
     * @return the price point at the currency's scale, never null
     */
    public BigDecimal toPricePoint(BigDecimal exact) {
        if (ending.isEmpty()) {
            return toMinorUnits(exact);
        }
        return ending.get().apply(exact).setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }
}
