package dev.coinage.catalog;

import java.math.BigDecimal;
import java.util.Objects;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/** Checks on the decimal numbers a definition holds, shared by the catalogue's records. */
final class Decimals {
    private Decimals() {}

    static BigDecimal positive(BigDecimal value, String what) {
        Objects.requireNonNull(value, what);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }

    /** A rate in [0, 1), such as a store fee or a tax rate. */
    static BigDecimal fraction(BigDecimal value, String what) {
        Objects.requireNonNull(value, what);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(what + " must be at least 0 and below 1: " + value);
        }
        return value;
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
