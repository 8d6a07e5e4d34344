package dev.coinage.reliability;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOutEvent;
import dev.coinage.earnings.HoldReleased;
import dev.coinage.event.CoinageListener;
import dev.coinage.gift.CircularFlowFlagged;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.testing.FakePaymentGateway;
import dev.coinage.testing.FakePayoutGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.CurrencyUnit;
import javax.money.Monetary;

/**
 * One economy of the example definition for the reliability tests: a settable clock, fake payment and payout gateways,
 * every member an adult in the US with a verified payout profile in USD, and a listener that records circular-flow
 * flags and cash-out events.
 */
final class TestEconomy {
    static final EconomyDefinition DEFINITION = ExampleEconomy.definition();
    static final CurrencyUnit USD = Monetary.getCurrency("USD");
    static final Region US = Region.of("US");

    final AtomicReference<Instant> now;
    final Clock clock;
    final LedgerStore store;
    final FakePaymentGateway payments = new FakePaymentGateway();
    final FakePayoutGateway payouts = new FakePayoutGateway();
    final List<CircularFlowFlagged> flags = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final Coinage coinage;

    TestEconomy(LedgerStore store, AbusePolicy abuse) {
        this(store, abuse, new AtomicReference<>(ExampleEconomy.NOW));
    }

    TestEconomy(LedgerStore store, AbusePolicy abuse, AtomicReference<Instant> now) {
        this.now = now;
        this.clock = clockOf(now);
        this.store = store;
        this.coinage = Coinage.builder()
                .definition(DEFINITION)
                .store(store)
                .members(members())
                .payments(payments)
                .payouts(payouts)
                .clock(clock)
                .abuse(abuse)
                .listener(new CoinageListener() {
                    @Override
                    public void onCircularFlow(CircularFlowFlagged event) {
                        flags.add(event);
                    }

                    @Override
                    public void onHoldReleased(HoldReleased event) {
                        events.add("released");
                    }

                    @Override
                    public void onCashOutPaid(CashOutEvent event) {
                        events.add("paid");
                    }
                })
                .build();
    }

    static Clock clockOf(AtomicReference<Instant> now) {
        return new Clock() {
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
    }

    static Members members() {
        return new Members() {
            @Override
            public Optional<MemberProfile> find(UserId user) {
                return Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), US));
            }

            @Override
            public Optional<PayoutProfile> payoutProfile(UserId creator) {
                return Optional.of(PayoutProfile.verified(USD));
            }
        };
    }

    /** Buys a web package with a fresh quote and the given order key. */
    RechargeReceipt buy(UserId user, String webPackage, String key) {
        var quote = coinage.quotes().quotePackage(user, ChannelId.of("web"), PackageId.of(webPackage), USD, US);
        return coinage.recharges().charge(quote, IdempotencyKey.of(key));
    }

    /** Sends {@code count} of a LIVE gift. */
    GiftReceipt gift(String key, UserId from, UserId to, String gift, long count) {
        return coinage.gifts().send(request(key, from, to, gift, count));
    }

    static GiftRequest request(String key, UserId from, UserId to, String gift, long count) {
        return GiftRequest.live(IdempotencyKey.of(key), from, to, GiftId.of(gift), "live-1")
                .withCount(count);
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    long coins(UserId u) {
        return coinage.coins(u).amount();
    }
}
