package dev.coinage.bench;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.UserId;
import dev.coinage.json.EconomyJson;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.QuoteId;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javax.money.CurrencyUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a recharge quote from the example definition, next to a bare {@code BigDecimal} multiply-and-round of
 * the same price so that the figure reads as a ratio on any machine. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec -Dbench.args="QuoteBenchmark -f 1 -wi 3 -i 5"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QuoteBenchmark {
    private static final Instant NOW = Instant.parse("2025-11-25T09:00:00Z");

    private RechargeQuoter quoter;
    private RechargeQuoter quoterWithHostIds;
    private RechargeQuoter sealingQuoter;
    private RechargeQuote sealedQuote;
    private UserId user;
    private PackageId web70;
    private PackageId web350;
    private CurrencyUnit usd;
    private CurrencyUnit eur;
    private Region us;
    private Region de;
    private RechargeQuote derivedQuote;
    private BigDecimal basePrice;
    private BigDecimal factor;

    /**
     * Loads the example definition once.
     *
     * @throws IOException if the example cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        EconomyDefinition economy = EconomyJson.read(Path.of("examples", "economy.json"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        quoter = RechargeQuoter.builder(economy).clock(clock).build();
        QuoteId id = QuoteId.of("bench");
        quoterWithHostIds =
                RechargeQuoter.builder(economy).clock(clock).quoteIds(() -> id).build();
        sealingQuoter = RechargeQuoter.builder(economy)
                .clock(clock)
                .quoteIds(() -> id)
                .sealingKey(new byte[32])
                .build();
        user = UserId.of("viewer-ana");
        web70 = PackageId.of("web-70");
        web350 = PackageId.of("web-350");
        usd = economy.currency("USD").orElseThrow();
        eur = economy.currency("EUR").orElseThrow();
        us = Region.of("US");
        de = Region.of("DE");
        derivedQuote = quoter.quotePackage(user, ChannelId.WEB, web350, eur, de);
        sealedQuote = sealingQuoter.quotePackage(user, ChannelId.WEB, web350, eur, de);
        basePrice = new BigDecimal("3.70");
        factor = new BigDecimal("0.862");
    }

    /**
     * Baseline: the arithmetic core of a derived price, one multiply and one rounding.
     *
     * @return the rounded price
     */
    @Benchmark
    public BigDecimal baselineMultiplyAndRound() {
        return basePrice.multiply(factor).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * A package with an explicit USD price point, no tax.
     *
     * @return the quote
     */
    @Benchmark
    public RechargeQuote quoteExplicitPrice() {
        return quoterWithHostIds.quotePackage(user, ChannelId.WEB, web70, usd, us);
    }

    /**
     * A package whose EUR price is derived by rate and .99 ending, with VAT extracted; host-supplied quote id.
     *
     * @return the quote
     */
    @Benchmark
    public RechargeQuote quoteDerivedPrice() {
        return quoterWithHostIds.quotePackage(user, ChannelId.WEB, web350, eur, de);
    }

    /**
     * The same derived quote with the default random quote id ({@code UUID.randomUUID()}).
     *
     * @return the quote
     */
    @Benchmark
    public RechargeQuote quoteDerivedPriceRandomId() {
        return quoter.quotePackage(user, ChannelId.WEB, web350, eur, de);
    }

    /**
     * A custom amount of 150,000 coins across three volume tiers, converted to EUR, with VAT.
     *
     * @return the quote
     */
    @Benchmark
    public RechargeQuote quoteCustomAmount() {
        return quoterWithHostIds.quoteCustom(user, ChannelId.WEB, 150_000, eur, de);
    }

    /**
     * The derived quote sealed with HMAC-SHA256.
     *
     * @return the quote
     */
    @Benchmark
    public RechargeQuote quoteDerivedPriceSealed() {
        return sealingQuoter.quotePackage(user, ChannelId.WEB, web350, eur, de);
    }

    /**
     * Verifying a sealed derived quote: re-derivation, re-sealing and comparison.
     *
     * @return the verified quote
     */
    @Benchmark
    public RechargeQuote verifySealedQuote() {
        return sealingQuoter.verify(sealedQuote);
    }

    /**
     * Re-deriving and comparing a derived quote before execution.
     *
     * @return the verified quote
     */
    @Benchmark
    public RechargeQuote verifyDerivedQuote() {
        return quoter.verify(derivedQuote);
    }
}
