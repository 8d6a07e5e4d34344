package dev.coinage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.Gift;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.ReleasedPartsPolicy;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.catalog.TaxDisplay;
import dev.coinage.core.DefinitionException;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

class EconomyJsonTest {
    private static final ObjectMapper TREE = JsonMapper.builder().build();

    private static ObjectNode example() {
        try {
            return (ObjectNode) TREE.readTree(ExampleEconomy.bytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode webPackage(ObjectNode doc, int table, int index) {
        return (ObjectNode) doc.path("priceTables")
                .path(table)
                .path("channels")
                .path("web")
                .path("packages")
                .path(index);
    }

    private static DefinitionException loadError(Consumer<ObjectNode> mutation) {
        ObjectNode doc = example();
        mutation.accept(doc);
        String json = doc.toString();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> EconomyJson.read(json));
        assertThat(thrown).isInstanceOf(DefinitionException.class);
        return (DefinitionException) thrown;
    }

    @Test
    void theExampleLoadsWithItsChannelsTablesGiftsAndRules() {
        EconomyDefinition economy = ExampleEconomy.definition();

        assertThat(economy.baseCurrency().getCurrencyCode()).isEqualTo("USD");
        assertThat(economy.currencies()).containsOnlyKeys("USD", "EUR", "GBP", "JPY", "KWD", "BRL");
        assertThat(economy.channels())
                .containsOnlyKeys(ChannelId.APPLE_APP_STORE, ChannelId.GOOGLE_PLAY, ChannelId.WEB);
        assertThat(economy.channels().get(ChannelId.APPLE_APP_STORE).storeFeeRate())
                .isEqualByComparingTo("0.30");
        assertThat(economy.priceTables().tables()).hasSize(2);
        assertThat(economy.priceTables()
                        .asOf(Instant.parse("2025-11-02T00:00:00Z"))
                        .orElseThrow()
                        .offer(ChannelId.WEB)
                        .orElseThrow()
                        .find(PackageId.of("web-70"))
                        .orElseThrow()
                        .prices()
                        .get("USD"))
                .isEqualTo(Money.of(new BigDecimal("0.74"), economy.baseCurrency()));
        assertThat(economy.taxes().forRegion(Region.of("DE")).display()).isEqualTo(TaxDisplay.INCLUSIVE);
        assertThat(economy.taxes().forRegion(Region.of("NZ")).rate()).isZero();
        assertThat(economy.exchangeRates()).hasSize(10);
        assertThat(economy.earnings().share().numerator()).isEqualTo(1);
        assertThat(economy.earnings().share().denominator()).isEqualTo(2);
        assertThat(economy.earnings().mode()).isEqualTo(ConversionMode.CARRY);
        assertThat(economy.earnings().diamondValueNumber()).isEqualByComparingTo("0.005");
        assertThat(economy.earnings().holdWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(economy.ages().minimumAge(Region.of("KR"))).isEqualTo(19);
        assertThat(economy.ages().minimumAge(Region.of("US"))).isEqualTo(18);
        assertThat(economy.spendingLimits())
                .contains(SpendingLimit.ofFiat(LimitPeriod.DAY, Money.of(500, economy.baseCurrency())))
                .contains(SpendingLimit.ofFiat(LimitPeriod.WEEK, Money.of(2000, economy.baseCurrency())));
    }

    @Test
    void theExampleGiftCatalogueGoesFromTheOneCoinRoseToThe29999CoinLion() {
        EconomyDefinition economy = ExampleEconomy.definition();

        Gift rose = economy.gifts().find(GiftId.of("rose")).orElseThrow();
        Gift lion = economy.gifts().find(GiftId.of("lion")).orElseThrow();
        assertThat(rose.coins()).isEqualTo(1);
        assertThat(rose.combo()).isTrue();
        assertThat(rose.allowedIn(GiftContext.VIDEO)).isTrue();
        assertThat(lion.coins()).isEqualTo(29_999);
        assertThat(lion.allowedIn(GiftContext.VIDEO)).isFalse();
        assertThat(economy.gifts().gifts()).extracting(Gift::coins).allMatch(c -> c >= 1 && c <= 29_999);

        Gift hanbok = economy.gifts().find(GiftId.of("hanbok")).orElseThrow();
        assertThat(hanbok.availableIn(Region.of("KR"))).isTrue();
        assertThat(hanbok.availableIn(Region.of("US"))).isFalse();

        Gift pumpkin = economy.gifts().find(GiftId.of("pumpkin")).orElseThrow();
        assertThat(pumpkin.availability().contains(Instant.parse("2025-10-31T12:00:00Z")))
                .isTrue();
        assertThat(pumpkin.availability().contains(Instant.parse("2025-11-03T00:00:00Z")))
                .isFalse();
        assertThat(economy.gifts().sendable(Instant.parse("2025-12-01T00:00:00Z"), Region.of("US"), GiftContext.LIVE))
                .extracting(Gift::id)
                .contains(GiftId.of("rose"), GiftId.of("lion"))
                .doesNotContain(GiftId.of("pumpkin"), GiftId.of("hanbok"), GiftId.of("thumbs-up"));

        Gift thumbsUp = economy.gifts().find(GiftId.of("thumbs-up")).orElseThrow();
        assertThat(thumbsUp.videoPriceRange())
                .hasValueSatisfying(r -> assertThat(r.contains(5)).isTrue());
    }

    @Test
    void aNegativePriceIsReportedWithItsPath() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) webPackage(doc, 1, 3).get("prices")).put("USD", -1));

        assertThat(e.path()).isEqualTo("priceTables[1].channels.web.packages[3].prices.USD");
        assertThat(e.reason()).isEqualTo("negative");
        assertThat(e.getMessage()).isEqualTo("priceTables[1].channels.web.packages[3].prices.USD: negative");
    }

    @Test
    void aPriceFinerThanTheMinorUnitIsRefused() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) webPackage(doc, 1, 0).get("prices")).put("USD", 0.745));

        assertThat(e.path()).isEqualTo("priceTables[1].channels.web.packages[0].prices.USD");
        assertThat(e.reason()).contains("more decimals than USD allows (2)");
    }

    @Test
    void aYenPriceWithDecimalsIsRefused() {
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.path("priceTables")
                        .path(0)
                        .path("channels")
                        .path("apple")
                        .path("packages")
                        .path(0)
                        .path("prices"))
                .put("JPY", 160.5));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.apple.packages[0].prices.JPY");
    }

    @Test
    void unknownFieldsAreRefused() {
        DefinitionException e = loadError(doc -> webPackage(doc, 0, 2).put("colour", "gold"));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.web.packages[2].colour");
        assertThat(e.reason()).isEqualTo("unknown field");
    }

    @Test
    void missingFieldsAreRequired() {
        DefinitionException e = loadError(doc -> webPackage(doc, 0, 0).remove("coins"));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.web.packages[0].coins");
        assertThat(e.reason()).isEqualTo("required");
    }

    @Test
    void wrongTypesAreNamed() {
        DefinitionException e = loadError(doc -> webPackage(doc, 0, 0).put("coins", "seventy"));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.web.packages[0].coins");
        assertThat(e.reason()).isEqualTo("must be a whole number, not a string");
    }

    @Test
    void aPackageWithoutABasePriceIsRefused() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) webPackage(doc, 0, 0).get("prices")).remove("USD"));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.web.packages[0].prices.USD");
        assertThat(e.reason()).startsWith("required");
    }

    @Test
    void aPriceInAnUndeclaredCurrencyIsRefused() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) webPackage(doc, 0, 0).get("prices")).put("CHF", 1));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.web.packages[0].prices.CHF");
        assertThat(e.reason()).contains("not declared");
    }

    @Test
    void anUnknownCurrencyIsRefused() {
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.get("currencies")).putObject("XYZ"));

        assertThat(e.path()).isEqualTo("currencies.XYZ");
        assertThat(e.reason()).isEqualTo("unknown currency XYZ");
    }

    @Test
    void morecoinsForLessMoneyIsRefused() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) webPackage(doc, 1, 2).get("prices")).put("USD", 3.00));

        assertThat(e.path()).isEqualTo("priceTables[1].channels.web.packages[2].prices.USD");
        assertThat(e.reason()).isEqualTo("700 coins cost less than the 350 coins of package web-350");
    }

    @Test
    void duplicatePackageIdsAreRefused() {
        DefinitionException e = loadError(doc -> webPackage(doc, 0, 1).put("id", "web-70"));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.web.packages[1].id");
        assertThat(e.reason()).contains("duplicate");
    }

    @Test
    void twoTablesWithTheSameVersionAreRefused() {
        DefinitionException e = loadError(
                doc -> ((ObjectNode) doc.path("priceTables").path(1)).put("effectiveFrom", "2025-01-01T00:00:00Z"));

        assertThat(e.path()).isEqualTo("priceTables[1].effectiveFrom");
    }

    @Test
    void aTableSellingOnAnUndeclaredChannelIsRefused() {
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.get("channels")).remove("google"));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.google");
    }

    @Test
    void customTiersMustAscend() {
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.path("priceTables")
                        .path(1)
                        .path("channels")
                        .path("web")
                        .path("customAmount")
                        .path("tiers")
                        .path(1))
                .put("fromCoins", 5000));

        assertThat(e.path()).isEqualTo("priceTables[1].channels.web.customAmount.tiers[1].fromCoins");
    }

    @Test
    void aShareAboveOneIsRefused() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) doc.path("earnings").path("creatorShare")).put("numerator", 3));

        assertThat(e.path()).isEqualTo("earnings.creatorShare.denominator");
    }

    @Test
    void anUnknownConversionModeIsRefused() {
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.get("earnings")).put("conversion", "round"));

        assertThat(e.path()).isEqualTo("earnings.conversion");
    }

    @Test
    void aVideoPriceRangeOnALiveOnlyGiftIsRefused() {
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.path("gifts").path(2))
                .putObject("videoPriceRange")
                .put("min", 1)
                .put("max", 2));

        assertThat(e.path()).isEqualTo("gifts[2].videoPriceRange");
    }

    @Test
    void aBadRegionCodeIsRefused() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) doc.path("minimumAge").path("regions")).put("kr", 19));

        assertThat(e.path()).isEqualTo("minimumAge.regions.kr");
    }

    @Test
    void aLimitInBothCoinsAndMoneyIsRefused() {
        DefinitionException e =
                loadError(doc -> ((ObjectNode) doc.path("spendingLimits").path(1)).put("coins", 10));

        assertThat(e.path()).isEqualTo("spendingLimits[1]");
    }

    @Test
    void anUnsupportedFormatVersionIsRefused() {
        DefinitionException e = loadError(doc -> doc.put("coinage", 2));

        assertThat(e.path()).isEqualTo("coinage");
    }

    @Test
    void hugeNumbersAreRefusedBeforeAnyArithmetic() {
        DefinitionException e = loadError(
                doc -> ((ObjectNode) webPackage(doc, 0, 0).get("prices")).put("USD", new BigDecimal("1e999999999")));

        assertThat(e.path()).isEqualTo("priceTables[0].channels.web.packages[0].prices.USD");
        assertThat(e.reason()).startsWith("must be below");
    }

    @Test
    void oddKeysAreQuotedInPaths() {
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.get("channels")).putObject("bad key\u0001"));

        assertThat(e.path()).isEqualTo("channels[\"bad key\\u0001\"]");
    }

    @Test
    void duplicateKeysAreRefused() {
        String json = new String(ExampleEconomy.bytes(), StandardCharsets.UTF_8)
                .replaceFirst("\"baseCurrency\": \"USD\",", "\"baseCurrency\": \"USD\", \"baseCurrency\": \"EUR\",");

        assertThatThrownBy(() -> EconomyJson.read(json)).isInstanceOfSatisfying(DefinitionException.class, e -> {
            assertThat(e.path()).isEqualTo("baseCurrency");
            assertThat(e.reason()).contains("Duplicate field");
        });
    }

    @Test
    void brokenUtf8IsRefused() {
        byte[] bytes = ExampleEconomy.bytes();
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Rose");
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;

        assertThatThrownBy(() -> EconomyJson.read(bytes)).isInstanceOfSatisfying(DefinitionException.class, e -> {
            assertThat(e.path()).isEqualTo("gifts[0].name");
            assertThat(e.reason()).startsWith("malformed JSON");
        });
    }

    @Test
    void aParseErrorUnderAnOddKeyQuotesTheKeyInItsPath() {
        // Found by HostileDefinitionProperties: parse-error paths once skipped the quoting of odd keys.
        assertThatThrownBy(() -> EconomyJson.read("{\"gifts\": [{\"a b\" x}]}"))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.path()).isEqualTo("gifts[0][\"a b\"]");
                    assertThat(e.reason()).startsWith("malformed JSON");
                });
    }

    @Test
    void trailingContentIsRefused() {
        String json = new String(ExampleEconomy.bytes(), StandardCharsets.UTF_8) + "{}";

        assertThatThrownBy(() -> EconomyJson.read(json))
                .isInstanceOfSatisfying(
                        DefinitionException.class, e -> assertThat(e.path()).isEqualTo("$"));
    }

    @Test
    void anEmptyOrNonObjectDocumentIsRefused() {
        assertThatThrownBy(() -> EconomyJson.read(""))
                .isInstanceOfSatisfying(
                        DefinitionException.class, e -> assertThat(e.path()).isEqualTo("$"));
        assertThatThrownBy(() -> EconomyJson.read("[]")).isInstanceOfSatisfying(DefinitionException.class, e -> {
            assertThat(e.path()).isEqualTo("$");
            assertThat(e.reason()).isEqualTo("must be an object, not an array");
        });
    }

    @Test
    void theExampleLoadsFromAFileAndAStream() throws Exception {
        assertThat(EconomyJson.read(ExampleEconomy.FILE)).isEqualTo(ExampleEconomy.definition());
        assertThat(EconomyJson.read(new ByteArrayInputStream(ExampleEconomy.bytes())))
                .isEqualTo(ExampleEconomy.definition());
    }

    @Test
    void optionalSectionsHaveDefaults() throws Exception {
        ObjectNode doc = example();
        doc.remove("exchangeRates");
        doc.remove("taxes");
        doc.remove("minimumAge");
        doc.remove("spendingLimits");
        ((ArrayNode) doc.get("gifts")).removeAll();

        EconomyDefinition economy = EconomyJson.read(doc.toString());

        assertThat(economy.exchangeRates()).isEmpty();
        assertThat(economy.taxes().forRegion(Region.of("DE")).rate()).isZero();
        assertThat(economy.ages().minimumAge(Region.of("KR"))).isEqualTo(18);
        assertThat(economy.spendingLimits()).isEmpty();
        assertThat(economy.gifts().gifts()).isEmpty();
    }

    // ---- sanity rules: values no real economy wants -----------------------------------------------------------------

    private static EconomyDefinition loaded(Consumer<ObjectNode> mutation) {
        ObjectNode doc = example();
        mutation.accept(doc);
        return EconomyJson.read(doc.toString());
    }

    @Test
    void minimumAgesOutsideThirteenToTwentyOneAreRefusedWithTheirPath() {
        for (int age : new int[] {0, 12, 22, 150}) {
            assertThat(loadError(doc -> ((ObjectNode) doc.path("minimumAge")).put("default", age))
                            .path())
                    .as("default %d", age)
                    .isEqualTo("minimumAge.default");
            assertThat(loadError(doc -> ((ObjectNode) doc.path("minimumAge").path("regions")).put("KR", age))
                            .path())
                    .as("KR %d", age)
                    .isEqualTo("minimumAge.regions.KR");
        }
        EconomyDefinition edges = loaded(doc -> {
            ((ObjectNode) doc.path("minimumAge")).put("default", 13);
            ((ObjectNode) doc.path("minimumAge").path("regions")).put("KR", 21);
        });
        assertThat(edges.ages().minimumAge(Region.of("US"))).isEqualTo(13);
        assertThat(edges.ages().minimumAge(Region.of("KR"))).isEqualTo(21);
    }

    @Test
    void instantsOutsideTheYears2000To2199AreRefusedWithTheirPath() {
        for (String instant : new String[] {
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2200-01-01T00:00:00Z"
        }) {
            assertThat(loadError(doc -> ((ObjectNode) doc.path("priceTables").path(0)).put("effectiveFrom", instant))
                            .path())
                    .as(instant)
                    .isEqualTo("priceTables[0].effectiveFrom");
            assertThat(loadError(doc -> ((ObjectNode) doc.path("exchangeRates").path(3)).put("asOf", instant))
                            .path())
                    .as(instant)
                    .isEqualTo("exchangeRates[3].asOf");
            DefinitionException gift = loadError(
                    doc -> ((ObjectNode) doc.path("gifts").path(giftWithWindow(doc))).put("availableUntil", instant));
            assertThat(gift.path()).as(instant).endsWith(".availableUntil");
        }
        EconomyDefinition edges = loaded(doc -> {
            ((ObjectNode) doc.path("priceTables").path(0)).put("effectiveFrom", "2000-01-01T00:00:00Z");
            ((ObjectNode) doc.path("gifts").path(giftWithWindow(doc)))
                    .put("availableUntil", "2199-12-31T23:59:59.999999999Z");
        });
        assertThat(edges.priceTables().tables().get(0).effectiveFrom())
                .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    }

    private static int giftWithWindow(ObjectNode doc) {
        for (int i = 0; i < doc.path("gifts").size(); i++) {
            if (doc.path("gifts").path(i).has("availableUntil")) {
                return i;
            }
        }
        throw new IllegalStateException("the example has a gift with an availability window");
    }

    @Test
    void theReleasedPartsPolicyIsReadAndDefaultsToPlatformLoss() {
        assertThat(loaded(doc -> {}).earnings().releasedParts()).isEqualTo(ReleasedPartsPolicy.PLATFORM_LOSS);
        assertThat(loaded(doc -> ((ObjectNode) doc.path("earnings")).remove("releasedParts"))
                        .earnings()
                        .releasedParts())
                .isEqualTo(ReleasedPartsPolicy.PLATFORM_LOSS);
        assertThat(loaded(doc -> ((ObjectNode) doc.path("earnings")).put("releasedParts", "take-from-available"))
                        .earnings()
                        .releasedParts())
                .isEqualTo(ReleasedPartsPolicy.TAKE_FROM_AVAILABLE);
        DefinitionException e = loadError(doc -> ((ObjectNode) doc.path("earnings")).put("releasedParts", "forgive"));
        assertThat(e.path()).isEqualTo("earnings.releasedParts");
        assertThat(e.getMessage()).contains("take-from-available");
    }

    @Test
    void aHoldWindowOverAYearIsRefused() {
        assertThat(loadError(doc -> ((ObjectNode) doc.path("earnings")).put("holdWindow", "P366D"))
                        .path())
                .isEqualTo("earnings.holdWindow");
        assertThat(loadError(doc -> ((ObjectNode) doc.path("earnings")).put("holdWindow", "PT8761H"))
                        .path())
                .isEqualTo("earnings.holdWindow");
        assertThat(loaded(doc -> ((ObjectNode) doc.path("earnings")).put("holdWindow", "P365D"))
                        .earnings()
                        .holdWindow())
                .isEqualTo(Duration.ofDays(365));
    }

    @Test
    void moreThanAHundredPackagesOnOneChannelAreRefused() {
        DefinitionException e = loadError(doc -> packages(doc, 101));
        assertThat(e.path()).isEqualTo("priceTables[1].channels.web.packages");
        assertThat(e.reason()).contains("100");
        assertThat(loaded(doc -> packages(doc, 100))
                        .priceTables()
                        .tables()
                        .get(1)
                        .channels()
                        .get(ChannelId.WEB)
                        .packages())
                .hasSize(100);
    }

    private static void packages(ObjectNode doc, int count) {
        ArrayNode packages =
                ((ObjectNode) doc.path("priceTables").path(1).path("channels").path("web")).putArray("packages");
        for (int i = 1; i <= count; i++) {
            ObjectNode p = packages.addObject().put("id", "p-" + i).put("coins", 10 * i);
            p.putObject("prices").put("USD", BigDecimal.valueOf(i));
        }
    }

    @Test
    void negativeZeroRatesAreReadAsZero() {
        EconomyDefinition economy = loaded(doc -> {
            ((ObjectNode) doc.path("channels").path("web")).put("storeFeeRate", new BigDecimal("-0.0"));
            ((ObjectNode) doc.path("channels").path("apple")).put("storeFeeRate", "-0");
            ((ObjectNode) doc.path("taxes").path("regions").path("DE")).put("rate", "-0.000");
        });
        for (BigDecimal rate : new BigDecimal[] {
            economy.channels().get(ChannelId.WEB).storeFeeRate(),
            economy.channels().get(ChannelId.APPLE_APP_STORE).storeFeeRate(),
            economy.taxes().forRegion(Region.of("DE")).rate()
        }) {
            assertThat(rate).isEqualTo(BigDecimal.ZERO);
            assertThat(rate.toPlainString()).isEqualTo("0");
        }
        // Written out as text, -0 is still zero: the literal -0.0 in a document loads the same.
        String json = example().toString().replace("\"storeFeeRate\":0.029", "\"storeFeeRate\":-0.0");
        assertThat(EconomyJson.read(json).channels().get(ChannelId.WEB).storeFeeRate())
                .isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void negativeRatesStayRefused() {
        assertThat(loadError(doc -> ((ObjectNode) doc.path("channels").path("web")).put("storeFeeRate", "-0.001"))
                        .path())
                .isEqualTo("channels.web.storeFeeRate");
        assertThat(loadError(doc ->
                                ((ObjectNode) doc.path("taxes").path("regions").path("DE")).put("rate", 1))
                        .path())
                .isEqualTo("taxes.regions.DE.rate");
    }

    @Test
    void theExampleCashOutBlockHasThePublishedFigures() {
        var cashOut = EconomyJson.read(new String(ExampleEconomy.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .cashOut();
        var usd = javax.money.Monetary.getCurrency("USD");
        assertThat(cashOut.diamondValue())
                .isEqualTo(org.javamoney.moneta.Money.of(new java.math.BigDecimal("0.005"), usd));
        assertThat(cashOut.minimumDiamonds()).isEqualTo(10_000); // 50 USD
        assertThat(cashOut.diamondsWithin(cashOut.dailyCap())).isEqualTo(200_000); // 1,000 USD a day
        assertThat(cashOut.dailyCap()).isEqualTo(org.javamoney.moneta.Money.of(1000, usd));
        assertThat(cashOut.weeklyCap()).isEqualTo(org.javamoney.moneta.Money.of(5000, usd));
        assertThat(cashOut.fixedFee()).isEqualTo(org.javamoney.moneta.Money.of(new java.math.BigDecimal("0.25"), usd));
        assertThat(cashOut.feePercent()).isZero();
        assertThat(cashOut.zone()).isEqualTo(java.time.ZoneId.of("UTC"));
        assertThat(cashOut.reviewAbove()).contains(org.javamoney.moneta.Money.of(500, usd));
        assertThat(cashOut.quoteValidity()).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(cashOut.rounding()).isEqualTo(java.math.RoundingMode.DOWN);
    }

    @Test
    void aCashOutBlockReadsItsFeeRateZoneAndDefaults() {
        ObjectNode doc = example();
        ObjectNode c = doc.putObject("cashOut");
        c.put("feeRate", 0.025).put("zone", "America/New_York").put("minimumDiamonds", 2000);
        var cashOut = EconomyJson.read(doc.toString()).cashOut();
        assertThat(cashOut.feePercent()).isEqualByComparingTo("2.5");
        assertThat(cashOut.zone()).isEqualTo(java.time.ZoneId.of("America/New_York"));
        assertThat(cashOut.minimumDiamonds()).isEqualTo(2000);
        var defaults = dev.coinage.pricing.CashOutPolicy.defaults(cashOut.diamondValue());
        assertThat(cashOut.dailyCap()).isEqualTo(defaults.dailyCap());
        assertThat(cashOut.reviewAbove()).isEqualTo(defaults.reviewAbove());
    }

    @Test
    void badCashOutFiguresAreRefusedWithTheirPath() {
        assertThat(loadError(doc -> cashOut(doc).put("feeRate", 1))).satisfies(e -> {
            assertThat(e.path()).isEqualTo("cashOut.feeRate");
            assertThat(e.reason()).isEqualTo("must be below 1");
        });
        assertThat(loadError(doc -> cashOut(doc).put("feeRate", -0.1)).path()).isEqualTo("cashOut.feeRate");
        assertThat(loadError(doc -> cashOut(doc).put("minimumDiamonds", 0)).path())
                .isEqualTo("cashOut.minimumDiamonds");
        assertThat(loadError(doc -> ((ObjectNode) cashOut(doc).get("dailyCap")).put("amount", 0))
                        .path())
                .isEqualTo("cashOut.dailyCap.amount");
        assertThat(loadError(doc -> ((ObjectNode) cashOut(doc).get("weeklyCap")).put("amount", -5))
                        .path())
                .isEqualTo("cashOut.weeklyCap.amount");
        assertThat(loadError(doc -> ((ObjectNode) cashOut(doc).get("weeklyCap")).put("amount", 10))
                        .reason())
                .startsWith("must be at least the dailyCap");
        assertThat(loadError(doc -> cashOut(doc).put("zone", "Mars/Olympus"))).satisfies(e -> {
            assertThat(e.path()).isEqualTo("cashOut.zone");
            assertThat(e.reason()).contains("time zone");
        });
        assertThat(loadError(doc -> ((ObjectNode) cashOut(doc).get("fixedFee")).put("currency", "EUR")))
                .satisfies(e -> {
                    assertThat(e.path()).isEqualTo("cashOut.fixedFee.currency");
                    assertThat(e.reason()).contains("USD");
                });
        assertThat(loadError(doc -> ((ObjectNode) cashOut(doc).get("fixedFee")).put("currency", "XYZ"))
                        .reason())
                .isEqualTo("unknown currency XYZ");
        assertThat(loadError(doc -> cashOut(doc).put("quoteValidity", "PT0S")).path())
                .isEqualTo("cashOut.quoteValidity");
        assertThat(loadError(doc -> cashOut(doc).put("payday", "friday")).path())
                .isEqualTo("cashOut.payday");
    }

    private static ObjectNode cashOut(ObjectNode doc) {
        return (ObjectNode) doc.get("cashOut");
    }
}
