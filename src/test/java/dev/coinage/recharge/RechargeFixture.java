package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.EarningsListener;
import dev.coinage.earnings.HoldReleases;
import dev.coinage.gift.Gifting;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePaymentGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.CurrencyUnit;

/** Recharges and Gifting on the example economy, one store (in memory unless given), a fake gateway, a clock. */
final class RechargeFixture {
    static final EconomyDefinition ECONOMY = ExampleEconomy.definition();
    static final CurrencyUnit USD = ECONOMY.currency("USD").orElseThrow();
    static final Region US = Region.of("US");

    final LedgerStore store;
    final MutableClock clock = new MutableClock(ExampleEconomy.NOW);
    final FakePaymentGateway gateway = new FakePaymentGateway();
    final RechargeQuoter quoter;
    final Recharges recharges;
    final Gifting gifting;
    final HoldReleases holds;
    final Map<UserId, MemberProfile> members = new ConcurrentHashMap<>();
    final List<Object> events = new CopyOnWriteArrayList<>();

    RechargeFixture(DebtPolicy policy) {
        this(policy, InMemoryLedgerStore.create());
    }

    RechargeFixture(DebtPolicy policy, LedgerStore store) {
        this(policy, store, ECONOMY);
    }

    RechargeFixture(DebtPolicy policy, LedgerStore store, EconomyDefinition economy) {
        this(policy, RefundOrder.VIEWER_FIRST, store, economy);
    }

    RechargeFixture(DebtPolicy policy, RefundOrder order, LedgerStore store, EconomyDefinition economy) {
        this.store = store;
        quoter = RechargeQuoter.builder(economy).clock(clock).build();
        recharges = Recharges.builder(quoter, store, gateway)
                .debtPolicy(policy)
                .refundOrder(order)
                .clock(clock)
                .listener(new RechargeListener() {
                    @Override
                    public void onCoinsCredited(CoinsCredited event) {
                        events.add(event);
                    }

                    @Override
                    public void onRefundApplied(RefundApplied event) {
                        events.add(event);
                    }

                    @Override
                    public void onWalletFrozen(WalletFrozen event) {
                        events.add(event);
                    }
                })
                .build();
        gifting = Gifting.builder(economy, store)
                .members(u -> Optional.ofNullable(members.get(u)))
                .clock(clock)
                .build();
        holds = HoldReleases.of(economy, store, clock, new EarningsListener() {});
    }

    UserId member(String name, boolean creator) {
        UserId u = UserId.of(name);
        members.put(u, new MemberProfile(LocalDate.of(1990, 1, 1), US, Standing.GOOD, creator));
        return u;
    }

    RechargeQuote web(UserId user, String pkg) {
        return quoter.quotePackage(user, ChannelId.WEB, PackageId.of(pkg), USD, US);
    }

    /** Credits an App Store purchase of one of the catalogue's packages, priced in US dollars; returns its reference. */
    String appStore(UserId user, String pkg, String originalTransactionId) {
        var price = quoter.packagePrice(ChannelId.APPLE_APP_STORE, PackageId.of(pkg), USD, US, clock.instant());
        return recharges
                .creditReceipt(new AppStoreReceipt(
                        user,
                        ChannelId.APPLE_APP_STORE,
                        originalTransactionId,
                        PackageId.of(pkg),
                        price.price(),
                        US,
                        clock.instant()))
                .purchase();
    }

    static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    long coins(UserId user) {
        AccountId a = AccountId.userCoins(user);
        return store.exists(a) ? store.balance(a) : 0;
    }

    long system(AccountType type) {
        return store.balance(AccountId.system(type));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
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
            return now.get();
        }
    }
}
