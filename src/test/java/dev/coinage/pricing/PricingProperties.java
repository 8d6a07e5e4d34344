package dev.coinage.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.PriceRounding;
import dev.coinage.catalog.Region;
import dev.coinage.core.UserId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.money.CurrencyUnit;
import org.junit.jupiter.api.Test;

class PricingProperties {
    private static final EconomyDefinition ECONOMY = ExampleEconomy.definition();
    private static final RechargeQuoter QUOTER = ExampleEconomy.quoterAt(ExampleEconomy.NOW);
    private static final UserId ANA = UserId.of("viewer-ana");
    private static final List<String> CURRENCIES =
            List.copyOf(ECONOMY.currencies().keySet());
    private static final List<Region> REGIONS = List.of(
            Region.of("US"), Region.of("CA"), Region.of("DE"), Region.of("JP"), Region.of("KR"), Region.of("NZ"));
    private static final List<CoinPackage> WEB_PACKAGES = ECONOMY.priceTables()
            .asOf(ExampleEconomy.NOW)
            .orElseThrow()
            .offer(ChannelId.WEB)
            .orElseThrow()
            .packages();

    private static BigDecimal number(javax.money.MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    @Test
    void customAmountPricesNeverDecreaseAsCoinsGrow() {
        qt().forAll(
                        longs().between(30, 2_499_999),
                        longs().between(1, 300_000),
                        arbitrary().pick(CURRENCIES),
                        arbitrary().pick(REGIONS))
                .checkAssert((coins, more, code, region) -> {
                    CurrencyUnit currency = ECONOMY.currency(code).orElseThrow();
                    long larger = Math.min(2_500_000, coins + more);
                    RechargeQuote small = QUOTER.quoteCustom(ANA, ChannelId.WEB, coins, currency, region);
                    RechargeQuote big = QUOTER.quoteCustom(ANA, ChannelId.WEB, larger, currency, region);
                    assertThat(number(big.gross())).isGreaterThanOrEqualTo(number(small.gross()));
                    assertThat(number(big.net())).isGreaterThanOrEqualTo(number(small.net()));
                });
    }

    @Test
    void neighbouringCustomAmountsNeverCostLessForMoreCoins() {
        // Tier boundaries are where an all-units tier scheme would drop the price; marginal tiers must not.
        List<Long> boundaries = List.of(10_000L, 10_001L, 100_000L, 100_001L);
        qt().forAll(
                        arbitrary().pick(boundaries),
                        integers().between(-3, 3),
                        arbitrary().pick(CURRENCIES))
                .checkAssert((boundary, offset, code) -> {
                    CurrencyUnit currency = ECONOMY.currency(code).orElseThrow();
                    long coins = boundary + offset;
                    BigDecimal here = number(QUOTER.quoteCustom(ANA, ChannelId.WEB, coins, currency, REGIONS.get(0))
                            .gross());
                    BigDecimal next = number(QUOTER.quoteCustom(ANA, ChannelId.WEB, coins + 1, currency, REGIONS.get(0))
                            .gross());
                    assertThat(next).isGreaterThanOrEqualTo(here);
                });
    }

    @Test
    void roundedPricesStayWithinTheRoundingRuleOfTheExactValue() {
        List<PriceRounding> roundings = List.copyOf(ECONOMY.currencies().values());
        List<java.math.RoundingMode> modes = List.of(
                java.math.RoundingMode.HALF_UP,
                java.math.RoundingMode.HALF_EVEN,
                java.math.RoundingMode.UP,
                java.math.RoundingMode.CEILING,
                java.math.RoundingMode.DOWN);
        qt().forAll(
                        longs().between(1, 10_000_000_000L),
                        integers().between(0, 9),
                        arbitrary().pick(roundings),
                        arbitrary().pick(modes))
                .checkAssert((unscaled, scale, configured, mode) -> {
                    BigDecimal exact = BigDecimal.valueOf(unscaled, scale);
                    BigDecimal unit = configured.minorUnit();

                    PriceRounding plain = new PriceRounding(configured.currency(), mode, Optional.empty());
                    BigDecimal minor = plain.toMinorUnits(exact);
                    assertThat(minor.scale()).isEqualTo(configured.currency().getDefaultFractionDigits());
                    assertThat(minor.remainder(unit)).isZero();
                    if (minor.compareTo(unit) == 0 && exact.compareTo(unit) < 0) {
                        return; // never below one minor unit
                    }
                    BigDecimal error = minor.subtract(exact);
                    switch (mode) {
                        case HALF_UP:
                        case HALF_EVEN:
                            assertThat(error.abs().multiply(BigDecimal.valueOf(2)))
                                    .isLessThanOrEqualTo(unit);
                            break;
                        case UP:
                        case CEILING:
                            assertThat(error).isNotNegative().isLessThan(unit);
                            break;
                        default:
                            assertThat(error.negate()).isNotNegative().isLessThan(unit);
                            break;
                    }

                    BigDecimal point = configured.toPricePoint(exact);
                    if (configured.ending().isPresent()) {
                        BigDecimal step = configured.ending().get().step();
                        assertThat(point).isGreaterThanOrEqualTo(exact).isLessThan(exact.add(step));
                        assertThat(point.subtract(configured.ending().get().ending())
                                        .remainder(step))
                                .isZero();
                    }
                });
    }

    @Test
    void roundingIsMonotonic() {
        List<PriceRounding> roundings = List.copyOf(ECONOMY.currencies().values());
        qt().forAll(
                        longs().between(1, 1_000_000_000L),
                        longs().between(0, 1_000_000_000L),
                        integers().between(0, 8),
                        arbitrary().pick(roundings))
                .checkAssert((unscaled, more, scale, rounding) -> {
                    BigDecimal low = BigDecimal.valueOf(unscaled, scale);
                    BigDecimal high = BigDecimal.valueOf(unscaled + more, scale);
                    assertThat(rounding.toMinorUnits(high)).isGreaterThanOrEqualTo(rounding.toMinorUnits(low));
                    assertThat(rounding.toPricePoint(high)).isGreaterThanOrEqualTo(rounding.toPricePoint(low));
                });
    }

    @Test
    void aDerivedPackagePriceIsTheBasePriceTimesTheRateRoundedByTheCurrencysRule() {
        List<String> derivedCurrencies =
                CURRENCIES.stream().filter(c -> !c.equals("USD")).collect(Collectors.toList());
        qt().forAll(
                        arbitrary().pick(WEB_PACKAGES),
                        arbitrary().pick(derivedCurrencies),
                        longs().between(1, 500_000_000L),
                        integers().between(2, 9))
                .checkAssert((pkg, code, unscaledFactor, factorScale) -> {
                    CurrencyUnit currency = ECONOMY.currency(code).orElseThrow();
                    BigDecimal factor = BigDecimal.valueOf(unscaledFactor, factorScale);
                    FxRate rate = new FxRate(ECONOMY.baseCurrency(), currency, factor, ExampleEconomy.NOW, "test");
                    RechargeQuoter quoter = RechargeQuoter.builder(ECONOMY)
                            .clock(Clock.fixed(ExampleEconomy.NOW, ZoneOffset.UTC))
                            .rates((base, term, at) -> Optional.of(rate))
                            .build();

                    RechargeQuote quote = quoter.quotePackage(ANA, ChannelId.WEB, pkg.id(), currency, Region.of("US"));

                    BigDecimal exact = number(pkg.prices().get("USD")).multiply(factor);
                    PriceRounding rule = ECONOMY.currencies().get(code);
                    assertThat(number(quote.net())).isEqualByComparingTo(rule.toPricePoint(exact));
                    assertThat(number(quote.net())).isGreaterThanOrEqualTo(rule.minorUnit());
                    assertThat(quote.rate()).contains(rate);
                });
    }

    @Test
    void everyPackageAndCustomAmountIsQuotableInEveryCurrencyOnEveryChannel() {
        Instant[] instants = {Instant.parse("2025-03-01T00:00:00Z"), ExampleEconomy.NOW};
        int quoted = 0;
        for (Instant at : instants) {
            RechargeQuoter quoter = ExampleEconomy.quoterAt(at);
            for (var offer :
                    ECONOMY.priceTables().asOf(at).orElseThrow().channels().entrySet()) {
                for (String code : CURRENCIES) {
                    CurrencyUnit currency = ECONOMY.currency(code).orElseThrow();
                    for (Region region : REGIONS) {
                        for (CoinPackage p : offer.getValue().packages()) {
                            RechargeQuote q = quoter.quotePackage(ANA, offer.getKey(), p.id(), currency, region);
                            assertThat(quoter.verify(q)).isSameAs(q);
                            quoted++;
                        }
                        if (offer.getValue().customAmount().isPresent()) {
                            var custom = offer.getValue().customAmount().get();
                            for (long coins : new long[] {custom.minCoins(), 12_345, custom.maxCoins()}) {
                                RechargeQuote q = quoter.quoteCustom(ANA, offer.getKey(), coins, currency, region);
                                assertThat(quoter.verify(q)).isSameAs(q);
                                quoted++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(quoted).isGreaterThan(1000);
    }
}
