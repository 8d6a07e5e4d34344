package dev.coinage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.CreatorShare;
import dev.coinage.catalog.EarningsPolicy;
import dev.coinage.catalog.NetRevenueShare;
import dev.coinage.core.DefinitionException;
import dev.coinage.pricing.EconomyDefinition;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Reading the net-revenue earnings mode from {@code examples/economy-net-share.json}, and its errors by path. */
class NetRevenueJsonTest {
    private static ObjectNode example() {
        try {
            return (ObjectNode) JsonMapper.builder()
                    .build()
                    .readTree(Files.readAllBytes(Path.of("examples", "economy-net-share.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode earnings(ObjectNode doc) {
        return (ObjectNode) doc.path("earnings");
    }

    private static DefinitionException loadError(Consumer<ObjectNode> mutation) {
        ObjectNode doc = example();
        mutation.accept(doc);
        Throwable thrown = catchThrowable(() -> EconomyJson.read(doc.toString()));
        assertThat(thrown).isInstanceOf(DefinitionException.class);
        return (DefinitionException) thrown;
    }

    @Test
    void theExampleReadsAsNetRevenueWithItsOverrides() {
        EconomyDefinition d = EconomyJson.read(example().toString());
        EarningsPolicy e = d.earnings();
        assertThat(e.isNetRevenue()).isTrue();
        assertThat(e.partsPerDiamond()).isEqualTo(10_000_000L);
        assertThat(e.diamondValueNumber()).isEqualByComparingTo(new BigDecimal("0.000001"));
        NetRevenueShare s = e.netRevenue().orElseThrow();
        assertThat(s.channelBasisPoints(ChannelId.APPLE_APP_STORE)).isEqualTo(7_000);
        assertThat(s.channelBasisPoints(ChannelId.GOOGLE_PLAY)).isEqualTo(6_500);
        assertThat(s.tierBasisPoints(Optional.of("partner"))).contains(8_000L);
        assertThat(s.tierBasisPoints(Optional.of("other"))).isEmpty();
        assertThat(s.tierBasisPoints(Optional.empty())).isEmpty();
    }

    @Test
    void aShareThatIsNotWholeBasisPointsIsRefusedAtItsDenominator() {
        DefinitionException e =
                loadError(d -> ((ObjectNode) earnings(d).path("tierShares").path("partner"))
                        .put("numerator", 2)
                        .put("denominator", 3));
        assertThat(e.path()).isEqualTo("earnings.tierShares.partner.denominator");
    }

    @Test
    void aDiamondValueIsRefusedInTheNetRevenueMode() {
        DefinitionException e = loadError(
                d -> earnings(d).putObject("diamondValue").put("amount", 0.005).put("currency", "USD"));
        assertThat(e.path()).isEqualTo("earnings.diamondValue");
    }

    @Test
    void overridesAreRefusedInThePerCoinMode() {
        DefinitionException e = loadError(d -> {
            earnings(d).put("basis", "coins");
            earnings(d).putObject("diamondValue").put("amount", 0.005).put("currency", "USD");
        });
        assertThat(e.path()).isEqualTo("earnings.channelShares");
    }

    @Test
    void aShareOfAnUnknownChannelIsRefused() {
        DefinitionException e = loadError(d -> ((ObjectNode) earnings(d).path("channelShares"))
                .putObject("steam")
                .put("numerator", 1)
                .put("denominator", 2));
        assertThat(e.path()).isEqualTo("earnings.channelShares.steam");
        EconomyDefinition d = EconomyJson.read(example().toString());
        NetRevenueShare unknown =
                d.earnings().netRevenue().orElseThrow().withChannel(ChannelId.of("steam"), new CreatorShare(1, 2));
        assertThat(catchThrowable(() -> d.withEarnings(EarningsPolicy.netRevenue(
                        unknown,
                        d.baseCurrency(),
                        d.earnings().mode(),
                        d.earnings().holdWindow()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steam");
    }

    @Test
    void anUnknownBasisIsRefused() {
        assertThat(loadError(d -> earnings(d).put("basis", "gross")).path()).isEqualTo("earnings.basis");
    }

    @Test
    void aChannelShareAboveOneIsRefused() {
        DefinitionException e =
                loadError(d -> ((ObjectNode) earnings(d).path("channelShares").path("google")).put("numerator", 21));
        assertThat(e.path()).isEqualTo("earnings.channelShares.google.denominator");
    }

    @Test
    void theCatalogueTypesCheckTheirArguments() {
        CreatorShare third = new CreatorShare(1, 3);
        assertThat(catchThrowable(() -> NetRevenueShare.of(third))).isInstanceOf(IllegalArgumentException.class);
        NetRevenueShare s = NetRevenueShare.of(new CreatorShare(7, 10));
        assertThat(catchThrowable(() -> s.withTier(" ", new CreatorShare(1, 2))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.withChannel(ChannelId.WEB, new CreatorShare(1, 2)).channelBasisPoints(ChannelId.WEB))
                .isEqualTo(5_000);
        assertThat(catchThrowable(() -> new EarningsPolicy(
                        new CreatorShare(7, 10),
                        dev.coinage.catalog.ConversionMode.CARRY,
                        org.javamoney.moneta.Money.of(new BigDecimal("0.005"), "USD"),
                        java.time.Duration.ZERO,
                        Optional.of(s))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
