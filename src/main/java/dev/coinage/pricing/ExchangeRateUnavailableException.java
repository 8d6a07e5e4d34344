package dev.coinage.pricing;

import dev.coinage.core.CoinageException;
import java.time.Instant;
import java.util.Objects;

/**
 * Thrown when a price must be derived by an exchange rate and the rates port has no rate for the pair at the instant
 * asked, or failed to answer.
 */
public final class ExchangeRateUnavailableException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String baseCurrency;
    private final String termCurrency;
    private final Instant asOf;

    /**
     * Creates the exception.
     *
     * @param baseCurrency the ISO 4217 code converted from, not null
     * @param termCurrency the ISO 4217 code converted to, not null
     * @param asOf the instant the rate was wanted for, not null
     */
    public ExchangeRateUnavailableException(String baseCurrency, String termCurrency, Instant asOf) {
        super("no exchange rate " + Objects.requireNonNull(baseCurrency, "baseCurrency") + "/"
                + Objects.requireNonNull(termCurrency, "termCurrency") + " as of "
                + Objects.requireNonNull(asOf, "asOf"));
        this.baseCurrency = baseCurrency;
        this.termCurrency = termCurrency;
        this.asOf = asOf;
    }

    /**
     * Returns the currency converted from.
     *
     * @return the ISO 4217 code, never null
     */
    public String baseCurrency() {
        return baseCurrency;
    }

    /**
     * Returns the currency converted to.
     *
     * @return the ISO 4217 code, never null
     */
    public String termCurrency() {
        return termCurrency;
    }

    /**
     * Returns the instant the rate was wanted for.
     *
     * @return the instant, never null
     */
    public Instant asOf() {
        return asOf;
    }
}
