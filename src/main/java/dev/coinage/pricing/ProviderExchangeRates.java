package dev.coinage.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryException;
import javax.money.convert.ConversionContext;
import javax.money.convert.ConversionQuery;
import javax.money.convert.ConversionQueryBuilder;
import javax.money.convert.ExchangeRate;
import javax.money.convert.ExchangeRateProvider;

/** Adapts a host-supplied JSR-354 provider to the rates port. */
final class ProviderExchangeRates implements ExchangeRates {
    private final ExchangeRateProvider provider;

    ProviderExchangeRates(ExchangeRateProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public Optional<FxRate> rate(CurrencyUnit base, CurrencyUnit term, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        ConversionQuery query = ConversionQueryBuilder.of()
                .setBaseCurrency(Objects.requireNonNull(base, "base"))
                .setTermCurrency(Objects.requireNonNull(term, "term"))
                .set(Instant.class, asOf)
                .set(LocalDate.class, LocalDate.ofInstant(asOf, ZoneOffset.UTC))
                .build();
        ExchangeRate rate;
        try {
            rate = provider.getExchangeRate(query);
        } catch (MonetaryException e) {
            return Optional.empty();
        }
        if (rate == null || rate.getFactor() == null) {
            return Optional.empty();
        }
        BigDecimal factor = rate.getFactor().numberValue(BigDecimal.class);
        if (factor == null || factor.signum() <= 0) {
            return Optional.empty();
        }
        ConversionContext context = rate.getContext();
        Instant rateTime = asOf;
        String source = "jsr354";
        if (context != null) {
            Instant instant = context.get(Instant.class);
            LocalDate date = context.get(LocalDate.class);
            if (instant != null) {
                rateTime = instant;
            } else if (date != null) {
                rateTime = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String name = context.getProviderName();
            if (name != null && !name.isBlank()) {
                source = name;
            }
        }
        return Optional.of(new FxRate(base, term, factor, rateTime, source));
    }

    @Override
    public String toString() {
        return "ProviderExchangeRates[" + provider + "]";
    }
}
