package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/**
 * No exchange rate converts the settlement currency to the payout currency asked for; nothing was written.
 */
public final class PayoutCurrencyUnavailableException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String settlementCurrency;
    private final String payoutCurrency;

    /**
     * Creates the exception.
     *
     * @param settlementCurrency the currency diamonds are valued in, not null
     * @param payoutCurrency the currency asked for, not null
     */
    public PayoutCurrencyUnavailableException(String settlementCurrency, String payoutCurrency) {
        super("no rate from " + settlementCurrency + " to " + payoutCurrency);
        this.settlementCurrency = Objects.requireNonNull(settlementCurrency, "settlementCurrency");
        this.payoutCurrency = Objects.requireNonNull(payoutCurrency, "payoutCurrency");
    }

    /**
     * Returns the currency diamonds are valued in.
     *
     * @return the currency diamonds are valued in, never null
     */
    public String settlementCurrency() {
        return settlementCurrency;
    }

    /**
     * Returns the currency asked for.
     *
     * @return the currency asked for, never null
     */
    public String payoutCurrency() {
        return payoutCurrency;
    }
}
