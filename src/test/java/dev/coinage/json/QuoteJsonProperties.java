package dev.coinage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ChannelOffer;
import dev.coinage.catalog.Region;
import dev.coinage.core.UserId;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import java.time.Instant;
import java.util.List;
import javax.money.CurrencyUnit;
import org.junit.jupiter.api.Test;

class QuoteJsonProperties {
    private static final EconomyDefinition ECONOMY = ExampleEconomy.definition();
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().addModule(new CoinageModule()).build();
    private static final List<ChannelId> CHANNELS =
            List.of(ChannelId.APPLE_APP_STORE, ChannelId.GOOGLE_PLAY, ChannelId.WEB);
    private static final List<String> CURRENCIES =
            List.copyOf(ECONOMY.currencies().keySet());
    private static final List<Region> REGIONS =
            List.of(Region.of("US"), Region.of("CA"), Region.of("DE"), Region.of("JP"), Region.of("BR"));
    private static final byte[] KEY =
            "a host secret of at least 32 bytes!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final long FROM = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2026-06-01T00:00:00Z").getEpochSecond();

    @Test
    void aQuoteSurvivesAJsonRoundTripUnchanged() {
        qt().forAll(
                        longs().between(FROM, TO),
                        arbitrary().pick(CHANNELS),
                        integers().between(0, 100),
                        arbitrary().pick(CURRENCIES))
                .checkAssert((second, channel, pick, code) -> {
                    Instant at = Instant.ofEpochSecond(second);
                    RechargeQuoter quoter = pick % 3 == 0
                            ? ExampleEconomy.quoterAt(at)
                            : RechargeQuoter.builder(ECONOMY)
                                    .clock(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC))
                                    .sealingKey(KEY)
                                    .build();
                    CurrencyUnit currency = ECONOMY.currency(code).orElseThrow();
                    ChannelOffer offer = ECONOMY.priceTables()
                            .asOf(at)
                            .orElseThrow()
                            .offer(channel)
                            .orElseThrow();
                    UserId user = UserId.of("user-" + pick);
                    RechargeQuote quote;
                    if (offer.customAmount().isPresent() && pick % 2 == 0) {
                        long coins = offer.customAmount().get().minCoins() + pick * 997L;
                        quote = quoter.quoteCustom(user, channel, coins, currency, REGIONS.get(pick % REGIONS.size()));
                    } else {
                        var pkg = offer.packages().get(pick % offer.packages().size());
                        quote = quoter.quotePackage(
                                user, channel, pkg.id(), currency, REGIONS.get(pick % REGIONS.size()));
                    }

                    String json = write(quote);
                    RechargeQuote back = read(json);

                    assertThat(back).isEqualTo(quote);
                    assertThat(write(back)).isEqualTo(json);
                    assertThat(quoter.verify(back)).isSameAs(back);
                });
    }

    private static String write(RechargeQuote quote) {
        try {
            return MAPPER.writeValueAsString(quote);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static RechargeQuote read(String json) {
        try {
            return MAPPER.readValue(json, RechargeQuote.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
