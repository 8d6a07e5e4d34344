package dev.coinage.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.recharge.AppStoreReceipt;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * A worked example of the finance reports (docs/reports.md): a web purchase of 700 coins for $7.40 and an App Store
 * purchase of 330 coins for $4.99, 800 roses gifted (the 700 web coins, then 100 App Store coins), and 30 App Store
 * coins refunded.
 */
class FinanceReportsTest {
    private static final CurrencyUnit USD = Monetary.getCurrency("USD");
    private static final Region US = Region.of("US");

    private final AtomicReference<Instant> now = new AtomicReference<>(ExampleEconomy.NOW);
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };
    private final UserId ana = UserId.of("ana");
    private final UserId cleo = UserId.of("cleo");
    private final Coinage coinage = Coinage.builder()
            .definition(ExampleEconomy.definition())
            .store(InMemoryLedgerStore.create(clock))
            .clock(clock)
            .members(u -> Optional.of(new MemberProfile(LocalDate.of(1990, 1, 1), US, Standing.GOOD, true)))
            .payments(p -> PaymentResult.succeeded("psp-" + p.key().value()))
            .build();

    private static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), USD);
    }

    private void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    private void story() {
        var quote = coinage.quotes().quotePackage(ana, ChannelId.WEB, PackageId.of("web-700"), USD, US);
        coinage.recharges().charge(quote, IdempotencyKey.of("order-1"));
        advance(Duration.ofMinutes(1));
        String apple = coinage.recharges()
                .creditReceipt(new AppStoreReceipt(
                        ana,
                        ChannelId.APPLE_APP_STORE,
                        "1000000001",
                        PackageId.of("apple-330"),
                        usd("4.99"),
                        US,
                        clock.instant()))
                .purchase();
        advance(Duration.ofMinutes(1));
        coinage.gifts()
                .send(new GiftRequest(
                        IdempotencyKey.of("g1"), ana, cleo, GiftId.of("rose"), 800, GiftContext.LIVE, "live-1"));
        advance(Duration.ofMinutes(1));
        coinage.recharges().refund(RefundRequest.partial("re-1", apple, 30, RefundKind.REFUND));
    }

    @Test
    void revenueSpreadsEachPurchaseOverItsRefundedRecognisedAndOutstandingCoins() {
        story();

        RevenueReport revenue = coinage.reports(ReportSettings.defaults()).revenue();

        assertThat(revenue.lines()).hasSize(1);
        RevenueLine usd = revenue.lines().get(0);
        assertThat(usd.currency()).isEqualTo("USD");
        assertThat(usd.soldCoins()).isEqualTo(1030);
        assertThat(usd.sold()).isEqualTo(usd("12.39"));
        assertThat(usd.refundedCoins()).isEqualTo(30);
        assertThat(usd.refunded()).isEqualTo(usd("0.45")); // 4.99 × 30 / 330 = 0.4536
        assertThat(usd.recognisedCoins()).isEqualTo(800);
        assertThat(usd.recognised()).isEqualTo(usd("8.92")); // 7.40 + (4.99 × 130 / 330 = 1.97) - 0.45
        assertThat(usd.outstandingCoins()).isEqualTo(200);
        assertThat(usd.outstanding()).isEqualTo(usd("3.02")); // 4.99 - 1.97
        assertThat(usd.tax()).isEqualTo(usd("0.00"));
        // Store fees: 0.21 of the web purchase (2.9 % of 7.40), and of the App Store's 1.50 (30 % of 4.99) the share
        // of the recognised coins: 0.59 - 0.14.
        assertThat(usd.storeFee()).isEqualTo(usd("0.66"));
        assertThat(usd.netRevenue()).isEqualTo(usd("8.26"));
        // 800 roses earned cleo 800 parts (1/2 diamond per coin): 400 diamonds at $0.005, still on hold.
        assertThat(revenue.creators().heldParts()).isEqualTo(800);
        assertThat(revenue.creators().held()).isEqualTo(usd("2.00"));
        assertThat(revenue.creators().earnedParts()).isEqualTo(800);
        assertThat(revenue.creators().earned()).isEqualTo(usd("2.00"));
        assertThat(revenue.creators().availableDiamonds()).isZero();
        assertThat(revenue.platformTake()).contains(usd("6.26"));
        assertThat(revenue.debtCoins()).isZero();
    }

    @Test
    void theLiabilityIsTheUnspentCoinsAtCostByChannelLotTypeAndCurrency() {
        story();

        CoinLiability liability = coinage.reports(ReportSettings.defaults()).liability();

        assertThat(liability.lines())
                .containsExactly(new LiabilityLine(ChannelId.APPLE_APP_STORE, LotType.PAID, 200, usd("3.02")));
        assertThat(liability.totals()).containsEntry("USD", usd("3.02"));
        assertThat(liability.coins()).isEqualTo(coinage.coins(ana).amount());
        assertThat(liability.debtCoins()).isZero();
    }

    @Test
    void dormantBalancesAreAgedByTheWalletsLastActivityAndBreakageEstimatedAtTheRate() {
        story();
        ReportSettings settings = new ReportSettings(ZoneOffset.UTC, new BigDecimal("0.2"), Duration.ofDays(365));

        BreakageReport young =
                coinage.reports(settings).breakage(clock.instant().plus(Duration.ofDays(10)));
        assertThat(young.lines()).hasSize(1);
        assertThat(young.lines().get(0).from()).isEqualTo(Duration.ZERO);
        assertThat(young.lines().get(0).to()).contains(Duration.ofDays(30));
        assertThat(young.lines().get(0).coins()).isEqualTo(200);
        assertThat(young.dormant()).isEmpty();
        assertThat(young.estimatedBreakage()).isEmpty();

        BreakageReport old = coinage.reports(settings).breakage(clock.instant().plus(Duration.ofDays(400)));
        DormancyLine line = old.lines().get(0);
        assertThat(line.from()).isEqualTo(Duration.ofDays(365));
        assertThat(line.to()).isEmpty();
        assertThat(line.wallets()).isEqualTo(1);
        assertThat(line.cost()).isEqualTo(usd("3.02"));
        assertThat(old.dormant()).containsEntry("USD", usd("3.02"));
        assertThat(old.estimatedBreakage()).containsEntry("USD", usd("0.60")); // 3.02 × 0.2 = 0.604
    }

    @Test
    void periodSummariesFollowTheZonesCalendarAndAddUpToTheRevenueReport() {
        story(); // 2025-11-25 09:00-09:03 UTC
        advance(Duration.ofHours(20)); // 2025-11-26 05:03 UTC: 2025-11-26 in UTC, still 2025-11-25 in Los Angeles
        coinage.recharges()
                .charge(
                        coinage.quotes().quotePackage(ana, ChannelId.WEB, PackageId.of("web-70"), USD, US),
                        IdempotencyKey.of("order-2"));

        List<PeriodSummary> utc = coinage.reports(ReportSettings.defaults())
                .periods(LocalDate.of(2025, 11, 25), LocalDate.of(2025, 11, 27), Period.ofDays(1));
        assertThat(utc).hasSize(2);
        PeriodLine first = utc.get(0).lines().get(0);
        assertThat(first.purchases()).isEqualTo(2);
        assertThat(first.sold()).isEqualTo(usd("12.39"));
        assertThat(first.refunds()).isEqualTo(1);
        assertThat(first.refundedCoins()).isEqualTo(30);
        assertThat(first.refunded()).isEqualTo(usd("0.45"));
        assertThat(utc.get(1).lines().get(0).sold()).isEqualTo(usd("0.74"));

        ReportSettings losAngeles =
                new ReportSettings(ZoneId.of("America/Los_Angeles"), BigDecimal.ZERO, Duration.ofDays(365));
        List<PeriodSummary> la = coinage.reports(losAngeles)
                .periods(LocalDate.of(2025, 11, 25), LocalDate.of(2025, 11, 26), Period.ofDays(1));
        assertThat(la).hasSize(1);
        assertThat(la.get(0).from()).isEqualTo(Instant.parse("2025-11-25T08:00:00Z"));
        assertThat(la.get(0).lines().get(0).purchases()).isEqualTo(3);
        assertThat(la.get(0).lines().get(0).sold()).isEqualTo(usd("13.13"));

        RevenueLine total =
                coinage.reports(ReportSettings.defaults()).revenue().lines().get(0);
        assertThat(first.sold().add(utc.get(1).lines().get(0).sold())).isEqualTo(total.sold());
        assertThat(first.refunded()).isEqualTo(total.refunded());
    }

    @Test
    void badSettingsAndPeriodsAreRefused() {
        assertThatThrownBy(() -> new ReportSettings(ZoneOffset.UTC, new BigDecimal("1.5"), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breakageRate");
        assertThatThrownBy(() -> new ReportSettings(ZoneOffset.UTC, BigDecimal.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dormantAfter");
        FinanceReports reports = coinage.reports(ReportSettings.defaults());
        LocalDate day = LocalDate.of(2025, 11, 25);
        assertThatThrownBy(() -> reports.periods(day, day, Period.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reports.periods(day, day.plusDays(1), Period.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(reports.revenue().lines()).isEmpty();
        assertThat(reports.liability().lines()).isEmpty();
    }
}
