package dev.coinage.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

class CatalogRulesTest {
    private static final CurrencyUnit USD = Monetary.getCurrency("USD");
    private static final CurrencyUnit JPY = Monetary.getCurrency("JPY");

    @Test
    void a99EndingRaisesAPriceToTheNextPointNinetyNine() {
        PriceEnding ending = new PriceEnding(BigDecimal.ONE, new BigDecimal("0.99"));

        assertThat(ending.apply(new BigDecimal("3.1894"))).isEqualByComparingTo("3.99");
        assertThat(ending.apply(new BigDecimal("3.99"))).isEqualByComparingTo("3.99");
        assertThat(ending.apply(new BigDecimal("3.991"))).isEqualByComparingTo("4.99");
        assertThat(ending.apply(new BigDecimal("0.01"))).isEqualByComparingTo("0.99");
    }

    @Test
    void aZeroEndingRoundsUpToTheStep() {
        PriceEnding tens = new PriceEnding(BigDecimal.TEN, BigDecimal.ZERO);

        assertThat(tens.apply(new BigDecimal("113.516"))).isEqualByComparingTo("120");
        assertThat(tens.apply(new BigDecimal("120"))).isEqualByComparingTo("120");
        assertThat(tens.apply(new BigDecimal("0.5"))).isEqualByComparingTo("10");
    }

    @Test
    void anEndingMustLieBelowItsStep() {
        assertThatThrownBy(() -> new PriceEnding(BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceEnding(BigDecimal.ZERO, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEndingFinerThanTheMinorUnitIsRefused() {
        assertThatThrownBy(() -> new PriceRounding(
                        JPY,
                        RoundingMode.HALF_UP,
                        Optional.of(new PriceEnding(BigDecimal.ONE, new BigDecimal("0.99")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceRounding(USD, RoundingMode.UNNECESSARY, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPriceIsNeverRoundedToZero() {
        assertThat(PriceRounding.minorUnits(USD).toMinorUnits(new BigDecimal("0.001")))
                .isEqualByComparingTo("0.01");
        assertThat(PriceRounding.minorUnits(JPY).toMinorUnits(new BigDecimal("0.4")))
                .isEqualByComparingTo("1");
    }

    @Test
    void absurdMagnitudesAreRefusedBeforeAnyArithmetic() {
        assertThatThrownBy(() -> new VolumeTier(1, Map.of("USD", new BigDecimal("1e999999999"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VolumeTier(1, Map.of("USD", new BigDecimal("1e-999999999"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinPackage(
                        PackageId.of("p"), 70, 0, Map.of("USD", Money.of(new BigDecimal("1e999999999"), USD))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceEnding(new BigDecimal("1e999999999"), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void marginalTiersPriceEachBandAtItsOwnRate() {
        CustomAmountOffer offer = CustomAmountOffer.of(
                30,
                1000,
                10,
                List.of(
                        new VolumeTier(1, Map.of("USD", new BigDecimal("0.02"))),
                        new VolumeTier(101, Map.of("USD", new BigDecimal("0.01")))));

        assertThat(offer.exactPrice(100, USD)).contains(new BigDecimal("2.00"));
        assertThat(offer.exactPrice(150, USD).orElseThrow()).isEqualByComparingTo("2.50");
        assertThat(offer.exactPrice(150, JPY)).isEmpty();
        assertThat(offer.allows(30)).isTrue();
        assertThat(offer.allows(40)).isTrue();
        assertThat(offer.allows(45)).isFalse();
        assertThat(offer.allows(1010)).isFalse();
    }

    @Test
    void customTiersMustStartAtTheFirstCoinAndAscend() {
        VolumeTier first = new VolumeTier(1, Map.of("USD", BigDecimal.ONE));
        assertThatThrownBy(
                        () -> CustomAmountOffer.of(1, 10, 1, List.of(new VolumeTier(2, Map.of("USD", BigDecimal.ONE)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomAmountOffer.of(1, 10, 1, List.of(first, first)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomAmountOffer.of(
                        1, 10, 1, List.of(first, new VolumeTier(5, Map.of("EUR", BigDecimal.ONE)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomAmountOffer.of(10, 9, 1, List.of(first)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPackagePriceMustBePositiveAndFiledUnderItsCurrency() {
        assertThatThrownBy(() -> new CoinPackage(PackageId.of("p"), 70, 0, Map.of("USD", Money.of(0, USD))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinPackage(PackageId.of("p"), 70, 0, Map.of("EUR", Money.of(1, USD))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinPackage(
                        PackageId.of("p"), 70, 0, Map.of("USD", Money.of(new BigDecimal("0.745"), USD))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinPackage(PackageId.of("p"), Long.MAX_VALUE, 1, Map.of()))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void identifiersAreCheckedAndWellKnownChannelsAreShared() {
        assertThat(ChannelId.of("apple")).isSameAs(ChannelId.APPLE_APP_STORE);
        assertThat(ChannelId.of("huawei").value()).isEqualTo("huawei");
        assertThatThrownBy(() -> PackageId.of("web 70")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GiftId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Region.of("Kr")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGiftIsSendableOnlyInItsContextsRegionsAndWindow() {
        Gift gift = new Gift(
                GiftId.of("pumpkin"),
                "Pumpkin",
                50,
                Set.of(GiftContext.LIVE),
                Optional.empty(),
                new AvailabilityWindow(
                        Optional.of(Instant.parse("2025-10-15T00:00:00Z")),
                        Optional.of(Instant.parse("2025-11-03T00:00:00Z"))),
                Set.of(Region.of("US")),
                true,
                "gifts/pumpkin.webp");
        Instant halloween = Instant.parse("2025-10-31T20:00:00Z");

        assertThat(gift.sendable(halloween, Region.of("US"), GiftContext.LIVE)).isTrue();
        assertThat(gift.sendable(halloween, Region.of("DE"), GiftContext.LIVE)).isFalse();
        assertThat(gift.sendable(halloween, Region.of("US"), GiftContext.VIDEO)).isFalse();
        assertThat(gift.sendable(Instant.parse("2025-11-03T00:00:00Z"), Region.of("US"), GiftContext.LIVE))
                .isFalse();
    }

    @Test
    void giftRulesAreEnforced() {
        assertThatThrownBy(() -> new Gift(
                        GiftId.of("g"),
                        "G",
                        1,
                        Set.of(GiftContext.LIVE),
                        Optional.of(new CoinRange(1, 5)),
                        AvailabilityWindow.ALWAYS,
                        Set.of(),
                        false,
                        "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Gift(
                        GiftId.of("g"),
                        "G",
                        0,
                        Set.of(GiftContext.LIVE),
                        Optional.empty(),
                        AvailabilityWindow.ALWAYS,
                        Set.of(),
                        false,
                        "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AvailabilityWindow(Optional.of(Instant.EPOCH), Optional.of(Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void earningsRulesAreExactAndBounded() {
        assertThat(new CreatorShare(1, 2).denominator()).isEqualTo(2);
        assertThatThrownBy(() -> new CreatorShare(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreatorShare(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConversionMode.ofCode("platform-residue")).isEqualTo(ConversionMode.PLATFORM_RESIDUE);
        assertThatThrownBy(() -> ConversionMode.ofCode("round")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EarningsPolicy(
                        new CreatorShare(1, 2), ConversionMode.CARRY, Money.of(0, USD), Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EarningsPolicy(
                        new CreatorShare(1, 2),
                        ConversionMode.CARRY,
                        Money.of(new BigDecimal("0.005"), USD),
                        Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spendingLimitsAreInCoinsOrMoney() {
        SpendingLimit coins = SpendingLimit.ofCoins(LimitPeriod.PER_GIFT, 100_000);
        SpendingLimit daily = SpendingLimit.ofFiat(LimitPeriod.DAY, Money.of(500, USD));

        assertThat(coins.coins()).hasValue(100_000);
        assertThat(coins.fiat()).isEmpty();
        assertThat(daily.fiat()).contains(Money.of(500, USD));
        assertThat(daily.coins()).isEmpty();
        assertThatThrownBy(() -> SpendingLimit.ofCoins(LimitPeriod.DAY, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minimumAgesDefaultAndVaryByRegion() {
        AgePolicy ages = new AgePolicy(18, Map.of(Region.of("KR"), 19));

        assertThat(ages.minimumAge(Region.of("KR"))).isEqualTo(19);
        assertThat(ages.minimumAge(Region.of("FR"))).isEqualTo(18);
        assertThatThrownBy(() -> new AgePolicy(-1, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
