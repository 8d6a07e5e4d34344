package dev.coinage.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.event.CoinageListener;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.GiftSent;
import dev.coinage.json.EconomyJson;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.recharge.AppStoreReceipt;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.spi.Members;
import dev.coinage.spi.PaymentResult;
import dev.coinage.spi.TransactionOutbox;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePaymentGateway;
import dev.coinage.testing.FakePayoutGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {
    private Instant now = Instant.parse("2026-11-25T20:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Region us = Region.of("US");
    private final UserId viewer = UserId.of("viewer-1");
    private final UserId creator = UserId.of("creator-1");

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void countsWhatTheEconomyCommitsBesideTheHostsOwnListenerAndTimesTheStore() throws Exception {
        InMemoryLedgerStore store = InMemoryLedgerStore.withOutbox(clock);
        Members members = new Members() {
            @Override
            public Optional<MemberProfile> find(UserId user) {
                return Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), us));
            }

            @Override
            public Optional<PayoutProfile> payoutProfile(UserId user) {
                return Optional.of(PayoutProfile.verified(Monetary.getCurrency("USD")));
            }
        };
        List<GiftSent> heardByHost = new ArrayList<>();
        CoinageListener failingHostListener = new CoinageListener() {
            @Override
            public void onGiftSent(GiftSent event) {
                heardByHost.add(event);
                throw new IllegalStateException("the host's listener fails; metrics still hear the gift");
            }
        };
        FakePaymentGateway psp = new FakePaymentGateway().then(PaymentResult.Status.PENDING);
        FakePayoutGateway payouts = new FakePayoutGateway();
        MicrometerMetrics metrics = MicrometerMetrics.of(registry).bindOutbox(store, clock);
        Coinage coinage = Coinage.builder()
                .definition(EconomyJson.read(Path.of("examples/economy.json")))
                .store(store)
                .members(members)
                .payments(psp)
                .payouts(payouts)
                .clock(clock)
                .listener(failingHostListener)
                .metrics(metrics)
                .build();
        assertThat(coinage.store()).isInstanceOf(TransactionOutbox.class);

        // Two purchases: a web payment confirmed by its webhook (delivered twice), an App Store receipt.
        var pending = coinage.recharges()
                .charge(
                        coinage.quotes()
                                .quotePackage(
                                        viewer,
                                        ChannelId.WEB,
                                        PackageId.of("web-17500"),
                                        Monetary.getCurrency("USD"),
                                        us),
                        IdempotencyKey.of("order-1"));
        psp.settle(pending.purchase(), true);
        psp.deliver(coinage.recharges(), FakePaymentGateway.Delivery.TWICE, new Random(1));
        coinage.recharges()
                .creditReceipt(new AppStoreReceipt(
                        viewer,
                        ChannelId.APPLE_APP_STORE,
                        "txn-1",
                        PackageId.of("apple-16500"),
                        Money.of(249.99, "USD"),
                        us,
                        coinage.clock().instant()));
        assertThat(count("coinage.recharges")).isEqualTo(2);
        assertThat(count("coinage.recharges.coins")).isEqualTo(17_500 + 350 + 16_500);

        // Gifts: 5 Roses, a combo of two, a retried tap (not counted twice), a Lion; one refused.
        GiftRequest roses = GiftRequest.live(IdempotencyKey.of("tap-1"), viewer, creator, GiftId.of("rose"), "live-1")
                .withCount(5);
        coinage.gifts().send(roses);
        coinage.gifts().send(roses);
        coinage.gifts()
                .sendAll(List.of(
                        GiftRequest.live(IdempotencyKey.of("tap-2"), viewer, creator, GiftId.of("rose"), "live-1"),
                        GiftRequest.live(IdempotencyKey.of("tap-3"), viewer, creator, GiftId.of("rose"), "live-1")));
        coinage.gifts()
                .send(GiftRequest.live(IdempotencyKey.of("tap-4"), viewer, creator, GiftId.of("lion"), "live-1"));
        assertThat(count("coinage.gifts")).isEqualTo(8);
        assertThat(count("coinage.gifts.coins")).isEqualTo(7 + 29_999);
        assertThat(heardByHost).hasSize(4);
        UserId broke = UserId.of("viewer-2");
        assertThatThrownBy(() -> coinage.gifts()
                        .send(GiftRequest.live(
                                IdempotencyKey.of("tap-5"), broke, creator, GiftId.of("rose"), "live-1")))
                .isInstanceOf(InsufficientCoinsException.class);
        assertThat(count("coinage.gifts")).isEqualTo(8);

        // A partial refund of the App Store purchase.
        coinage.recharges()
                .refund(RefundRequest.partial(
                        "re-1",
                        dev.coinage.recharge.Recharges.receiptPurchase(ChannelId.APPLE_APP_STORE, "txn-1"),
                        100,
                        RefundKind.REFUND));
        assertThat(count("coinage.refunds", "kind", "refund")).isEqualTo(1);

        // A week later: the hold is released and the creator cashes out; the provider pays.
        now = now.plus(Duration.ofDays(8));
        coinage.holds().releaseDueHolds();
        assertThat(count("coinage.holds.released.diamonds")).isEqualTo((7 + 29_999) / 2);
        var payout =
                coinage.cashOuts().request(coinage.cashOuts().quote(creator, 10_000), IdempotencyKey.of("cash-out-1"));
        coinage.cashOuts().submit(payout.id());
        payouts.settle(payout.id(), true);
        payouts.deliver(coinage.cashOuts(), FakePayoutGateway.Delivery.DUPLICATED, new Random(1));
        assertThat(count("coinage.cashouts", "outcome", "requested")).isEqualTo(1);
        assertThat(count("coinage.cashouts", "outcome", "paid")).isEqualTo(1);

        // The store's calls are timed by operation and outcome.
        assertThat(registry.get("coinage.store")
                        .tags("operation", "apply", "outcome", "success")
                        .timer()
                        .count())
                .isPositive();
        assertThat(registry.get("coinage.store")
                        .tags("operation", "balance", "outcome", "success")
                        .timer()
                        .count())
                .isPositive();

        // The outbox: messages wait since the week began; the lag is their age until a relay acknowledges them.
        double lag = registry.get("coinage.outbox.lag").gauge().value();
        assertThat(lag).isGreaterThanOrEqualTo(Duration.ofDays(8).toSeconds());
        List<dev.coinage.spi.OutboxMessage> all;
        while (!(all = store.poll(100)).isEmpty()) {
            store.acknowledge(all);
        }
        assertThat(registry.get("coinage.outbox.lag").gauge().value()).isZero();
    }

    @Test
    void aStoreCallThatThrowsIsTimedAsAFailureAndStillThrows() {
        var timed = MicrometerMetrics.of(registry).instrument(InMemoryLedgerStore.create());
        var nobody = dev.coinage.ledger.AccountId.userCoins(UserId.of("nobody"));
        assertThatThrownBy(() -> timed.balance(nobody)).isInstanceOf(RuntimeException.class);
        assertThat(registry.get("coinage.store")
                        .tags("operation", "balance", "outcome", "failure")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    /**
     * The timed store passes every call on to the store it wraps, those the port gives a default for too: a default
     * would make a store's one query (a gift's read of its sender) several calls of the per-type listing.
     */
    @Test
    void theTimedStoreOverridesEveryMethodOfThePort() throws Exception {
        for (java.lang.reflect.Method m : dev.coinage.spi.LedgerStore.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            assertThat(TimedStore.class.getDeclaredMethod(m.getName(), m.getParameterTypes()))
                    .as("TimedStore.%s", m.getName())
                    .isNotNull();
        }
    }

    @Test
    void theDefaultRecordsNothingAndKeepsTheStore() {
        InMemoryLedgerStore store = InMemoryLedgerStore.create();
        assertThat(dev.coinage.event.CoinageMetrics.none().instrument(store)).isSameAs(store);
        assertThat(MicrometerMetrics.of(registry).instrument(store))
                .as("the outbox stays reachable through the timed store")
                .isInstanceOf(TransactionOutbox.class)
                .isNotSameAs(store);
    }
}
