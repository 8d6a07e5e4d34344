package dev.coinage.pricing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.convert.ExchangeRateProvider;

/**
 * The rates port: fiat exchange rates as of an instant. Prices in a currency without an explicit price point are
 * derived from the base currency by the rate this port returns.
 *
 * <p>Shipped implementations: {@link #fixed(Collection)}, a table the host supplies (such as the definition's
 * {@code exchangeRates}), and {@link #fromProvider(ExchangeRateProvider)}, an adapter for any JSR-354 provider the
 * host passes in. Coinage never uses Moneta's default, network-backed providers.
 *
 * <p><b>Implementation specification.</b> Implementations must be thread-safe and should answer the same rate for the
 * same arguments every time: {@link RechargeQuoter#verify(RechargeQuote)} asks again for the rate as of the quote's
 * instant and refuses the quote if the answer differs. The returned rate's base and term must be the currencies asked
 * for.
 */
@FunctionalInterface
public interface ExchangeRates {
    /**
     * Returns the rate from one currency to another in force at an instant.
     *
     * @param base the currency converted from, not null
     * @param term the currency converted to, not null
     * @param asOf the instant, not null
     * @return the rate, empty if none is known for the pair at that instant
     */
    Optional<FxRate> rate(CurrencyUnit base, CurrencyUnit term, Instant asOf);

    /**
     * Returns rates from a fixed table: for a pair, the rate with the latest {@link FxRate#asOf()} at or before the
     * instant asked. Only the pairs given are known; inverses are not computed.
     *
     * @param rates the rates, at most one per pair and instant, not null
     * @return the port, never null
     * @throws IllegalArgumentException if two rates have the same pair and instant
     */
    static ExchangeRates fixed(Collection<FxRate> rates) {
        return FixedExchangeRates.of(rates);
    }

    /**
     * Returns a port with no rates: only explicit price points can be quoted.
     *
     * @return the port, never null
     */
    static ExchangeRates none() {
        return FixedExchangeRates.of(List.of());
    }

    /**
     * Adapts a JSR-354 provider. The provider is asked with a conversion query carrying the base and term currencies
     * and the instant (as an {@link Instant} and as a UTC {@link java.time.LocalDate}); a rate whose context carries
     * neither is taken as of the instant asked. A {@link javax.money.MonetaryException} from the provider, or a
     * factor that is not positive, reads as "no rate".
     *
     * @param provider the host's provider, not null
     * @return the port, never null
     */
    static ExchangeRates fromProvider(ExchangeRateProvider provider) {
        return new ProviderExchangeRates(provider);
    }
}
