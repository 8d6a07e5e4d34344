package dev.coinage.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.TaxDisplay;
import dev.coinage.core.UserId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

class RechargeQuoterTest {
    private static final EconomyDefinition ECONOMY = ExampleEconomy.definition();
    private static final CurrencyUnit USD = currency("USD");
    private static final CurrencyUnit EUR = currency("EUR");
    private static final CurrencyUnit GBP = currency("GBP");
    private static final CurrencyUnit JPY = currency("JPY");
    private static final CurrencyUnit KWD = currency("KWD");
    private static final UserId ANA = UserId.of("viewer-ana");
    private static final Region US = Region.of("US");
    private static final Region CA = Region.of("CA");
    private static final Region DE = Region.of("DE");
    private static final Region JP = Region.of("JP");
    private static final Region KW = Region.of("KW");

    private final MutableClock clock = new MutableClock(ExampleEconomy.NOW);
    private final RechargeQuoter quoter =
            RechargeQuoter.builder(ECONOMY).clock(clock).build();

    private static CurrencyUnit currency(String code) {
        return ECONOMY.currency(code).orElseThrow();
    }

    private static MonetaryAmount money(String amount, CurrencyUnit currency) {
        return Money.of(new BigDecimal(amount), currency);
    }

    private RechargeQuote web(String pkg, CurrencyUnit currency, Region region) {
        return quoter.quotePackage(ANA, ChannelId.WEB, PackageId.of(pkg), currency, region);
    }

    @Test
    void theWebPackageOf70CoinsCosts74CentsInTheUnitedStates() {
        RechargeQuote quote = web("web-70", USD, US);

        assertThat(quote.paidCoins()).isEqualTo(70);
        assertThat(quote.bonusCoins()).isZero();
        assertThat(quote.net()).isEqualTo(money("0.74", USD));
        assertThat(quote.tax()).isEqualTo(money("0", USD));
        assertThat(quote.gross()).isEqualTo(money("0.74", USD));
        assertThat(quote.rate()).isEmpty();
        assertThat(quote.tableVersion()).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
        assertThat(quote.quotedAt()).isEqualTo(ExampleEconomy.NOW);
        assertThat(quote.expiresAt()).isEqualTo(ExampleEconomy.NOW.plus(RechargeQuoter.DEFAULT_VALIDITY));
    }

    @Test
    void theAppPackageOf65CoinsCosts99CentsAndTheWebIsCheaperPerCoin() {
        RechargeQuote app = quoter.quotePackage(ANA, ChannelId.APPLE_APP_STORE, PackageId.of("apple-65"), USD, US);
        RechargeQuote webQuote = web("web-70", USD, US);

        assertThat(app.gross()).isEqualTo(money("0.99", USD));
        assertThat(app.storeFeeRate()).isEqualByComparingTo("0.30");
        assertThat(webQuote.storeFeeRate()).isEqualByComparingTo("0.029");
        assertThat(webQuote.gross()
                        .divide(webQuote.totalCoins())
                        .isLessThan(app.gross().divide(app.totalCoins())))
                .isTrue();
    }

    @Test
    void aQuoteShowsTheStoreFeeAndThePlatformsNetRevenue() {
        // $9.99 on the App Store in the US: no sales tax, Apple keeps 30 % of the net price.
        RechargeQuote app = quoter.quotePackage(ANA, ChannelId.APPLE_APP_STORE, PackageId.of("apple-660"), USD, US);
        assertThat(app.storeFee()).isEqualTo(money("3.00", USD)); // 2.997 rounded half up
        assertThat(app.platformNet()).isEqualTo(money("6.99", USD));

        // 0.78 charged in Canada: 0.04 tax remitted, the processor keeps 2.9 % of 0.74, the platform the rest.
        RechargeQuote web = web("web-70", USD, CA);
        assertThat(web.tax()).isEqualTo(money("0.04", USD));
        assertThat(web.storeFee()).isEqualTo(money("0.02", USD)); // 0.02146
        assertThat(web.platformNet()).isEqualTo(money("0.72", USD));
        assertThat(web.platformNet().add(web.storeFee()).add(web.tax())).isEqualTo(web.gross());

        // In Germany the price point includes 19 % VAT: 9.99 = 8.39 net + 1.60 VAT; Apple keeps 30 % of 8.39.
        RechargeQuote de =
                quoter.quotePackage(ANA, ChannelId.APPLE_APP_STORE, PackageId.of("apple-660"), currency("EUR"), DE);
        assertThat(de.net()).isEqualTo(money("8.39", currency("EUR")));
        assertThat(de.storeFee()).isEqualTo(money("2.52", currency("EUR"))); // 2.517
        assertThat(de.platformNet()).isEqualTo(money("5.87", currency("EUR")));
        assertThat(quoter.verify(de)).isEqualTo(de);
    }

    @Test
    void taxExclusiveRegionsAddTheTaxOnTop() {
        RechargeQuote quote = web("web-70", USD, CA);

        assertThat(quote.taxDisplay()).isEqualTo(TaxDisplay.EXCLUSIVE);
        assertThat(quote.net()).isEqualTo(money("0.74", USD));
        assertThat(quote.tax()).isEqualTo(money("0.04", USD));
        assertThat(quote.gross()).isEqualTo(money("0.78", USD));
        assertThat(quote.displayedPrice()).isEqualTo(money("0.74", USD));
    }

    @Test
    void aEuroPriceIsDerivedByTheRateAndRaisedToA99Ending() {
        RechargeQuote quote = web("web-350", EUR, DE);

        // 3.70 USD x 0.862 = 3.1894 EUR, raised to the .99 ending; 19 % VAT is inside the price.
        assertThat(quote.gross()).isEqualTo(money("3.99", EUR));
        assertThat(quote.net()).isEqualTo(money("3.35", EUR));
        assertThat(quote.tax()).isEqualTo(money("0.64", EUR));
        assertThat(quote.displayedPrice()).isEqualTo(quote.gross());
        assertThat(quote.rate()).hasValueSatisfying(rate -> {
            assertThat(rate.factor()).isEqualByComparingTo("0.862");
            assertThat(rate.asOf()).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
            assertThat(rate.source()).isEqualTo("definition");
        });
    }

    @Test
    void yenPricesHaveNoDecimalsAndEndInZero() {
        RechargeQuote quote = web("web-70", JPY, JP);

        // 0.74 x 153.40 = 113.516 JPY, raised to the next multiple of 10.
        assertThat(quote.gross()).isEqualTo(money("120", JPY));
        assertThat(quote.net()).isEqualTo(money("109", JPY));
        assertThat(quote.tax()).isEqualTo(money("11", JPY));
    }

    @Test
    void kuwaitiDinarPricesHaveThreeDecimals() {
        RechargeQuote quote = web("web-70", KWD, KW);

        // 0.74 x 0.3072 = 0.227328 KWD, half-up to the fils.
        assertThat(quote.gross()).isEqualTo(money("0.227", KWD));
    }

    @Test
    void anExplicitPricePointWinsOverDerivation() {
        RechargeQuote quote = quoter.quotePackage(ANA, ChannelId.APPLE_APP_STORE, PackageId.of("apple-65"), EUR, DE);

        assertThat(quote.gross()).isEqualTo(money("0.99", EUR));
        assertThat(quote.net()).isEqualTo(money("0.83", EUR));
        assertThat(quote.rate()).isEmpty();
    }

    @Test
    void aPackageWithoutAPricePointInTheCurrencyIsDerivedOnEveryChannel() {
        RechargeQuote quote = quoter.quotePackage(ANA, ChannelId.APPLE_APP_STORE, PackageId.of("apple-65"), GBP, US);

        // 0.99 x 0.76 = 0.7524 GBP, raised to 0.99.
        assertThat(quote.gross()).isEqualTo(money("0.99", GBP));
        assertThat(quote.rate()).isPresent();
    }

    @Test
    void bonusCoinsAreCreditedOnTopOfThePaidCoins() {
        RechargeQuote quote = web("web-17500", USD, US);

        assertThat(quote.paidCoins()).isEqualTo(17_500);
        assertThat(quote.bonusCoins()).isEqualTo(350);
        assertThat(quote.totalCoins()).isEqualTo(17_850);
        assertThat(quote.gross()).isEqualTo(money("185.00", USD));
    }

    @Test
    void aCustomAmountIsPricedPerCoin() {
        RechargeQuote quote = quoter.quoteCustom(ANA, ChannelId.WEB, 70, USD, US);

        assertThat(quote.customAmount()).isTrue();
        assertThat(quote.packageId()).isEmpty();
        assertThat(quote.paidCoins()).isEqualTo(70);
        // 70 x 0.0106 = 0.742
        assertThat(quote.gross()).isEqualTo(money("0.74", USD));
    }

    @Test
    void volumeTiersPriceOnlyTheCoinsAboveTheirThreshold() {
        // 10,000 x 0.0106 + 10,000 x 0.0105
        assertThat(quoter.quoteCustom(ANA, ChannelId.WEB, 20_000, USD, US).gross())
                .isEqualTo(money("211.00", USD));
        // 10,000 x 0.0106 + 90,000 x 0.0105 + 50,000 x 0.0104
        assertThat(quoter.quoteCustom(ANA, ChannelId.WEB, 150_000, USD, US).gross())
                .isEqualTo(money("1571.00", USD));
    }

    @Test
    void aCustomAmountInAnotherCurrencyIsConvertedAndRoundedToTheMinorUnitWithoutEnding() {
        RechargeQuote quote = quoter.quoteCustom(ANA, ChannelId.WEB, 1000, EUR, DE);

        // 1,000 x 0.0106 = 10.60 USD x 0.862 = 9.1372 EUR -> 9.14
        assertThat(quote.gross()).isEqualTo(money("9.14", EUR));
        assertThat(quote.net()).isEqualTo(money("7.68", EUR));
        assertThat(quote.tax()).isEqualTo(money("1.46", EUR));
    }

    @Test
    void aQuoteIsExplainedByTheTableAndRateInForceWhenItWasMade() {
        clock.set(Instant.parse("2025-06-01T12:00:00Z"));

        RechargeQuote usd = web("web-70", USD, US);
        RechargeQuote eur = web("web-70", EUR, US);

        assertThat(usd.tableVersion()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(usd.gross()).isEqualTo(money("0.75", USD));
        assertThat(eur.rate()).hasValueSatisfying(r -> assertThat(r.factor()).isEqualByComparingTo("0.96"));
        assertThat(quoter.quoteCustom(ANA, ChannelId.WEB, 1000, USD, US).gross())
                .isEqualTo(money("10.70", USD));
        assertThat(quoter.verify(usd)).isSameAs(usd);
    }

    @Test
    void quotingBeforeTheFirstTableFails() {
        clock.set(Instant.parse("2024-12-31T23:59:59Z"));

        assertThatThrownBy(() -> web("web-70", USD, US))
                .isInstanceOfSatisfying(NoPriceTableException.class, e -> assertThat(e.asOf())
                        .isEqualTo(Instant.parse("2024-12-31T23:59:59Z")));
    }

    @Test
    void quotingAnUnknownPackageFails() {
        assertThatThrownBy(() -> web("apple-65", USD, US)).isInstanceOfSatisfying(UnknownPackageException.class, e -> {
            assertThat(e.channel()).isEqualTo(ChannelId.WEB);
            assertThat(e.packageId()).isEqualTo(PackageId.of("apple-65"));
        });
    }

    @Test
    void quotingOnAnUnknownChannelFails() {
        assertThatThrownBy(() -> quoter.quotePackage(ANA, ChannelId.of("huawei"), PackageId.of("web-70"), USD, US))
                .isInstanceOfSatisfying(UnknownChannelException.class, e -> assertThat(e.channel())
                        .isEqualTo(ChannelId.of("huawei")));
    }

    @Test
    void quotingACustomAmountWhereNoneIsSoldFails() {
        assertThatThrownBy(() -> quoter.quoteCustom(ANA, ChannelId.APPLE_APP_STORE, 100, USD, US))
                .isInstanceOfSatisfying(CustomAmountException.class, e -> {
                    assertThat(e.offered()).isFalse();
                    assertThat(e.coins()).isEqualTo(100);
                });
    }

    @Test
    void quotingACustomAmountOutsideTheRangeFails() {
        assertThatThrownBy(() -> quoter.quoteCustom(ANA, ChannelId.WEB, 29, USD, US))
                .isInstanceOfSatisfying(CustomAmountException.class, e -> {
                    assertThat(e.offered()).isTrue();
                    assertThat(e.minCoins()).isEqualTo(30);
                    assertThat(e.maxCoins()).isEqualTo(2_500_000);
                    assertThat(e.step()).isEqualTo(1);
                });
        assertThatThrownBy(() -> quoter.quoteCustom(ANA, ChannelId.WEB, 2_500_001, USD, US))
                .isInstanceOf(CustomAmountException.class);
    }

    @Test
    void quotingInACurrencyTheEconomyDoesNotSellInFails() {
        CurrencyUnit chf = javax.money.Monetary.getCurrency("CHF");

        assertThatThrownBy(() -> web("web-70", chf, US))
                .isInstanceOfSatisfying(UnsupportedCurrencyException.class, e -> assertThat(e.currencyCode())
                        .isEqualTo("CHF"));
    }

    @Test
    void derivingAPriceWithoutARateFails() {
        RechargeQuoter noRates = RechargeQuoter.builder(ECONOMY)
                .clock(clock)
                .rates(ExchangeRates.none())
                .build();

        assertThat(noRates.quotePackage(ANA, ChannelId.WEB, PackageId.of("web-70"), USD, US)
                        .gross())
                .isEqualTo(money("0.74", USD));
        assertThatThrownBy(() -> noRates.quotePackage(ANA, ChannelId.WEB, PackageId.of("web-70"), EUR, DE))
                .isInstanceOfSatisfying(ExchangeRateUnavailableException.class, e -> {
                    assertThat(e.baseCurrency()).isEqualTo("USD");
                    assertThat(e.termCurrency()).isEqualTo("EUR");
                    assertThat(e.asOf()).isEqualTo(ExampleEconomy.NOW);
                });
    }

    @Test
    void aRatesPortAnsweringForAnotherPairIsNotTrusted() {
        FxRate wrong = new FxRate(USD, GBP, new BigDecimal("0.5"), ExampleEconomy.NOW, "broken");
        RechargeQuoter broken = RechargeQuoter.builder(ECONOMY)
                .clock(clock)
                .rates((base, term, at) -> Optional.of(wrong))
                .build();

        assertThatThrownBy(() -> broken.quotePackage(ANA, ChannelId.WEB, PackageId.of("web-70"), EUR, DE))
                .isInstanceOf(ExchangeRateUnavailableException.class);
    }

    @Test
    void aFreshQuoteVerifies() {
        RechargeQuote quote = web("web-350", EUR, DE);
        clock.advance(Duration.ofMinutes(14));

        assertThat(quoter.verify(quote)).isSameAs(quote);
    }

    @Test
    void quotingAfterExpiryFails() {
        RechargeQuote quote = web("web-350", EUR, DE);
        clock.advance(RechargeQuoter.DEFAULT_VALIDITY);

        assertThatThrownBy(() -> quoter.verify(quote)).isInstanceOfSatisfying(QuoteExpiredException.class, e -> {
            assertThat(e.quoteId()).isEqualTo(quote.id());
            assertThat(e.expiresAt()).isEqualTo(quote.expiresAt());
            assertThat(e.now()).isEqualTo(quote.expiresAt());
        });
    }

    @Test
    void aQuoteWithALoweredPriceIsRefused() {
        RechargeQuote quote = web("web-350", EUR, DE);
        QuoteCopy altered = new QuoteCopy(quote);
        altered.net = money("0.35", EUR);
        altered.gross = money("0.99", EUR);

        assertThatThrownBy(() -> quoter.verify(altered.build()))
                .isInstanceOfSatisfying(QuoteMismatchException.class, e -> {
                    assertThat(e.field()).isEqualTo("net");
                    assertThat(e.presented()).isEqualTo("EUR 0.35");
                    assertThat(e.expected()).isEqualTo("EUR 3.35");
                });
    }

    @Test
    void aQuoteWithMoreCoinsIsRefused() {
        QuoteCopy altered = new QuoteCopy(web("web-70", USD, US));
        altered.bonusCoins = 1000;

        assertThatThrownBy(() -> quoter.verify(altered.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("bonusCoins"));
    }

    @Test
    void aQuoteWithAnotherRateIsRefused() {
        RechargeQuote quote = web("web-350", EUR, DE);
        QuoteCopy altered = new QuoteCopy(quote);
        FxRate rate = quote.rate().orElseThrow();
        altered.rate =
                Optional.of(new FxRate(rate.base(), rate.term(), new BigDecimal("0.1"), rate.asOf(), "definition"));

        assertThatThrownBy(() -> quoter.verify(altered.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("rate"));
    }

    @Test
    void aQuoteWithAnExtendedExpiryIsRefused() {
        QuoteCopy altered = new QuoteCopy(web("web-70", USD, US));
        altered.expiresAt = altered.expiresAt.plus(Duration.ofDays(1));
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> quoter.verify(altered.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
    }

    @Test
    void aQuoteWithAnotherStoreFeeIsRefused() {
        QuoteCopy altered = new QuoteCopy(web("web-70", USD, US));
        altered.storeFeeRate = new BigDecimal("0.15");

        assertThatThrownBy(() -> quoter.verify(altered.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("storeFeeRate"));
    }

    @Test
    void aQuoteNamingAnotherTableVersionIsRefused() {
        QuoteCopy altered = new QuoteCopy(web("web-70", USD, US));
        altered.tableVersion = Instant.parse("2025-01-01T00:00:00Z");

        assertThatThrownBy(() -> quoter.verify(altered.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("tableVersion"));
    }

    @Test
    void aQuoteForAPackageTheChannelDoesNotSellIsRefused() {
        QuoteCopy altered = new QuoteCopy(web("web-70", USD, US));
        altered.packageId = Optional.of(PackageId.of("apple-65"));

        assertThatThrownBy(() -> quoter.verify(altered.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("terms"));
    }

    @Test
    void aQuoteFromTheFutureIsRefused() {
        RechargeQuote quote = web("web-70", USD, US);
        clock.set(ExampleEconomy.NOW.minus(Duration.ofMinutes(1)));

        assertThatThrownBy(() -> quoter.verify(quote))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("quotedAt"));
    }

    private RechargeQuoter sealing(byte[] key) {
        return RechargeQuoter.builder(ECONOMY).clock(clock).sealingKey(key).build();
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aSealedQuoteVerifies() {
        RechargeQuoter sealed = sealing(key(7));
        RechargeQuote quote = sealed.quotePackage(ANA, ChannelId.WEB, PackageId.of("web-350"), EUR, DE);

        assertThat(quote.seal()).hasValueSatisfying(seal -> assertThat(seal).hasSize(43));
        assertThat(sealed.verify(quote)).isSameAs(quote);
        assertThat(sealing(key(7)).verify(quote)).isSameAs(quote);
    }

    @Test
    void aSealedQuoteHandedToAnotherUserIsRefused() {
        RechargeQuoter sealed = sealing(key(7));
        QuoteCopy altered = new QuoteCopy(sealed.quotePackage(ANA, ChannelId.WEB, PackageId.of("web-70"), USD, US));
        altered.user = UserId.of("viewer-bo");

        assertThatThrownBy(() -> sealed.verify(altered.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("seal"));
    }

    @Test
    void aSealedQuoteMovedToAnotherRegionOrIdIsRefused() {
        RechargeQuoter sealed = sealing(key(7));
        RechargeQuote quote = sealed.quotePackage(ANA, ChannelId.WEB, PackageId.of("web-70"), USD, US);
        QuoteCopy region = new QuoteCopy(quote);
        region.region = Region.of("NZ"); // same tax rule: re-derivation alone would accept it
        QuoteCopy id = new QuoteCopy(quote);
        id.id = QuoteId.of("someone-elses-quote");

        assertThatThrownBy(() -> sealed.verify(region.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("seal"));
        assertThatThrownBy(() -> sealed.verify(id.build()))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("seal"));
    }

    @Test
    void aQuoteSealedWithAnotherKeyOrNotAtAllIsRefused() {
        RechargeQuoter sealed = sealing(key(7));
        RechargeQuote foreign = sealing(key(8)).quotePackage(ANA, ChannelId.WEB, PackageId.of("web-70"), USD, US);
        RechargeQuote unsealed = web("web-70", USD, US);

        assertThatThrownBy(() -> sealed.verify(foreign))
                .isInstanceOfSatisfying(
                        QuoteMismatchException.class, e -> assertThat(e.field()).isEqualTo("seal"));
        assertThatThrownBy(() -> sealed.verify(unsealed)).isInstanceOfSatisfying(QuoteMismatchException.class, e -> {
            assertThat(e.field()).isEqualTo("seal");
            assertThat(e.presented()).isEqualTo("none");
        });
        assertThatThrownBy(() -> quoter.verify(foreign)).isInstanceOf(QuoteMismatchException.class);
    }

    @Test
    void aShortSealingKeyIsRefused() {
        assertThatThrownBy(() -> RechargeQuoter.builder(ECONOMY).sealingKey(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutASealReDerivationCannotSeeAChangedUser() {
        // Documented limit of an unkeyed quoter: prices do not depend on the user, so re-derivation accepts it.
        QuoteCopy altered = new QuoteCopy(web("web-70", USD, US));
        altered.user = UserId.of("viewer-bo");

        assertThat(quoter.verify(altered.build()).user()).isEqualTo(UserId.of("viewer-bo"));
    }

    @Test
    void aQuoterNeedsAClock() {
        assertThatThrownBy(() -> RechargeQuoter.builder(ECONOMY).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theHostMaySupplyQuoteIdsAndValidity() {
        RechargeQuoter custom = RechargeQuoter.builder(ECONOMY)
                .clock(clock)
                .quoteIds(() -> QuoteId.of("q-1"))
                .validity(Duration.ofMinutes(2))
                .build();

        RechargeQuote quote = custom.quotePackage(ANA, ChannelId.WEB, PackageId.of("web-70"), USD, US);

        assertThat(quote.id()).isEqualTo(QuoteId.of("q-1"));
        assertThat(quote.expiresAt()).isEqualTo(ExampleEconomy.NOW.plus(Duration.ofMinutes(2)));
        assertThatThrownBy(() -> RechargeQuoter.builder(ECONOMY).validity(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
