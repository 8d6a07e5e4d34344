package dev.coinage.catalog;

import java.math.BigDecimal;
import java.util.Objects;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/** Checks on the decimal numbers a definition holds, shared by the catalogue's records. */
final class Decimals {
    private Decimals() {}

    /** Largest number of digits before the point, and of decimals, that any figure of the catalogue may have. */
    static final int MAX_INTEGER_DIGITS = 15;

    static final int MAX_DECIMALS = 18;

    static BigDecimal positive(BigDecimal value, String what) {
        Objects.requireNonNull(value, what);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return bounded(value, what);
    }

    /**
     * Refuses magnitudes no economy needs, such as {@code 1e999999999}: rounding such a value to a minor unit would
     * take a very long time, so the bound protects every later computation.
     */
    static BigDecimal bounded(BigDecimal value, String what) {
        if (value.signum() == 0) {
            return value;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if ((long) stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(what + " must be below 1e" + MAX_INTEGER_DIGITS + ": " + value);
        }
        if (stripped.scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException(what + " must have at most " + MAX_DECIMALS + " decimals: " + value);
        }
        return value;
    }

    /** A rate in [0, 1), such as a store fee or a tax rate. */
    static BigDecimal fraction(BigDecimal value, String what) {
        Objects.requireNonNull(value, what);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(what + " must be at least 0 and below 1: " + value);
        }
        return bounded(value, what);
    }

    /** Number of decimals actually used, ignoring trailing zeros. */
    static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    static BigDecimal number(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    /** A price: positive and no finer than the currency's minor unit. */
    static MonetaryAmount price(MonetaryAmount amount, String what) {
        Objects.requireNonNull(amount, what);
        BigDecimal value = number(amount);
        positive(value, what);
        CurrencyUnit currency = amount.getCurrency();
        if (decimals(value) > currency.getDefaultFractionDigits()) {
            throw new IllegalArgumentException(what + " has more decimals than " + currency.getCurrencyCode()
                    + " allows (" + currency.getDefaultFractionDigits() + "): " + value);
        }
        return amount;
    }
}
