package dev.coinage.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.convert.ConversionContext;
import javax.money.convert.ConversionContextBuilder;
import javax.money.convert.ConversionQuery;
import javax.money.convert.CurrencyConversion;
import javax.money.convert.CurrencyConversionException;
import javax.money.convert.ExchangeRate;
import javax.money.convert.ExchangeRateProvider;
import javax.money.convert.ProviderContext;
import javax.money.convert.ProviderContextBuilder;
import javax.money.convert.RateType;
import org.junit.jupiter.api.Test;

class ExchangeRatesTest {
    private static final CurrencyUnit USD = Monetary.getCurrency("USD");
    private static final CurrencyUnit EUR = Monetary.getCurrency("EUR");
    private static final CurrencyUnit JPY = Monetary.getCurrency("JPY");
    private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOV = Instant.parse("2025-11-01T00:00:00Z");

    private static FxRate rate(String factor, Instant asOf) {
        return new FxRate(USD, EUR, new BigDecimal(factor), asOf, "fixed");
    }

    @Test
    void aFixedTableAnswersTheRateInForceAtTheInstant() {
        ExchangeRates rates = ExchangeRates.fixed(List.of(rate("0.86", NOV), rate("0.96", JAN)));

        assertThat(rates.rate(USD, EUR, JAN.minusSeconds(1))).isEmpty();
        assertThat(rates.rate(USD, EUR, JAN)).contains(rate("0.96", JAN));
        assertThat(rates.rate(USD, EUR, NOV.minusSeconds(1))).contains(rate("0.96", JAN));
        assertThat(rates.rate(USD, EUR, NOV.plusSeconds(86_400))).contains(rate("0.86", NOV));
    }

    @Test
    void aFixedTableKnowsOnlyThePairsItWasGiven() {
        ExchangeRates rates = ExchangeRates.fixed(List.of(rate("0.86", NOV)));

        assertThat(rates.rate(EUR, USD, NOV)).isEmpty();
        assertThat(rates.rate(USD, JPY, NOV)).isEmpty();
        assertThat(ExchangeRates.none().rate(USD, EUR, NOV)).isEmpty();
    }

    @Test
    void twoRatesForOnePairAndInstantAreRefused() {
        assertThatThrownBy(() -> ExchangeRates.fixed(List.of(rate("0.86", NOV), rate("0.87", NOV))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateNeedsTwoCurrenciesAndAPositiveFactor() {
        assertThatThrownBy(() -> new FxRate(USD, USD, BigDecimal.ONE, NOV, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FxRate(USD, EUR, BigDecimal.ZERO, NOV, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJsr354ProviderIsAdaptedWithTheInstantAndItsRateTimestamp() {
        FakeProvider provider = new FakeProvider();
        ExchangeRates rates = ExchangeRates.fromProvider(provider);

        FxRate found = rates.rate(USD, EUR, NOV).orElseThrow();

        assertThat(found.factor()).isEqualByComparingTo("0.8620");
        assertThat(found.base()).isSameAs(USD);
        assertThat(found.term()).isSameAs(EUR);
        assertThat(found.asOf()).isEqualTo(Instant.parse("2025-10-31T00:00:00Z"));
        assertThat(found.source()).isEqualTo("fake-bank");
        assertThat(provider.lastQuery.get(Instant.class)).isEqualTo(NOV);
        assertThat(provider.lastQuery.get(LocalDate.class)).isEqualTo(LocalDate.of(2025, 11, 1));
    }

    @Test
    void aProviderThatCannotConvertMeansNoRate() {
        ExchangeRates rates = ExchangeRates.fromProvider(new FakeProvider());

        assertThat(rates.rate(USD, JPY, NOV)).isEmpty();
    }

    /** Knows USD/EUR only, dated the day before the instant asked. */
    private static final class FakeProvider implements ExchangeRateProvider {
        private static final ProviderContext CONTEXT =
                ProviderContextBuilder.of("fake-bank", RateType.HISTORIC).build();
        ConversionQuery lastQuery;

        @Override
        public ProviderContext getContext() {
            return CONTEXT;
        }

        @Override
        public ExchangeRate getExchangeRate(ConversionQuery query) {
            lastQuery = query;
            if (!query.getCurrency().getCurrencyCode().equals("EUR")) {
                throw new CurrencyConversionException(query.getBaseCurrency(), query.getCurrency(), null);
            }
            ConversionContext context = ConversionContextBuilder.create(CONTEXT, RateType.HISTORIC)
                    .set(LocalDate.class, LocalDate.of(2025, 10, 31))
                    .build();
            CurrencyUnit base = query.getBaseCurrency();
            CurrencyUnit term = query.getCurrency();
            return new ExchangeRate() {
                @Override
                public ConversionContext getContext() {
                    return context;
                }

                @Override
                public CurrencyUnit getBaseCurrency() {
                    return base;
                }

                @Override
                public CurrencyUnit getCurrency() {
                    return term;
                }

                @Override
                public javax.money.NumberValue getFactor() {
                    return org.javamoney.moneta.spi.DefaultNumberValue.of(new BigDecimal("0.8620"));
                }

                @Override
                public List<ExchangeRate> getExchangeRateChain() {
                    return List.of(this);
                }
            };
        }

        @Override
        public CurrencyConversion getCurrencyConversion(ConversionQuery query) {
            throw new UnsupportedOperationException();
        }
    }
}
