package dev.coinage.pricing;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/** Thrown when a price is asked in a currency that the economy definition does not sell in. */
public final class UnsupportedCurrencyException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String currencyCode;

    /**
     * Creates the exception.
     *
     * @param currencyCode the ISO 4217 code asked for, not null
     */
    public UnsupportedCurrencyException(String currencyCode) {
        super("currency " + Objects.requireNonNull(currencyCode, "currencyCode") + " is not sold in");
        this.currencyCode = currencyCode;
    }

    /**
     * Returns the currency asked for.
     *
     * @return the ISO 4217 code, never null
     */
    public String currencyCode() {
        return currencyCode;
    }
}
