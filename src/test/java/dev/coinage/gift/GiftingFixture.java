package dev.coinage.gift;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.core.UserId;
import dev.coinage.earnings.EarningsListener;
import dev.coinage.earnings.HoldReleases;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.TestFunds;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A Gifting service on the example economy, a store (in memory unless given), a settable clock and members. */
final class GiftingFixture {
    static final Instant NOW = ExampleEconomy.NOW; // 2025-11-25T09:00Z, a Tuesday
    static final Region US = Region.of("US");
    static final Region KR = Region.of("KR");
    static final LocalDate ADULT = LocalDate.of(1990, 1, 1);

    final LedgerStore store;
    final MutableClock clock = new MutableClock(NOW);
    final Map<UserId, MemberProfile> members = new ConcurrentHashMap<>();
    final Gifting gifting;
    final HoldReleases holds;
    private final AtomicInteger funds = new AtomicInteger();

    GiftingFixture() {
        this(ExampleEconomy.definition(), null);
    }

    GiftingFixture(EconomyDefinition definition, GiftListener listener) {
        this(definition, listener, InMemoryLedgerStore.create());
    }

    GiftingFixture(EconomyDefinition definition, GiftListener listener, LedgerStore store) {
        this.store = store;
        Gifting.Builder b = Gifting.builder(definition, store)
                .members(u -> java.util.Optional.ofNullable(members.get(u)))
                .clock(clock);
        if (listener != null) {
            b.listener(listener);
        }
        gifting = b.build();
        holds = HoldReleases.of(
                definition, store, clock, listener instanceof EarningsListener e ? e : new EarningsListener() {});
    }

    /** The example economy with another share, mode, hold window and limits. */
    static EconomyDefinition economy(
            long numerator, long denominator, ConversionMode mode, Duration hold, List<SpendingLimit> limits) {
        return ExampleEconomy.withEarnings(numerator, denominator, mode, hold).withSpendingLimits(limits);
    }

    UserId viewer(String name, long coins) {
        UserId u = UserId.of(name);
        members.put(u, new MemberProfile(ADULT, US, Standing.GOOD, false));
        if (coins > 0) {
            fund(u, coins);
        }
        return u;
    }

    UserId creator(String name) {
        UserId u = UserId.of(name);
        members.put(u, new MemberProfile(ADULT, US, Standing.GOOD, true));
        return u;
    }

    void fund(UserId user, long coins) {
        TestFunds.fund(store, user, coins, funds.incrementAndGet());
    }

    long coins(UserId user) {
        return store.balance(AccountId.userCoins(user));
    }

    long diamonds(UserId creator) {
        AccountId a = AccountId.creatorDiamonds(creator);
        return store.exists(a) ? store.balance(a) : 0;
    }

    long carry(UserId creator) {
        AccountId a = AccountId.creatorCarry(creator);
        return store.exists(a) ? store.balance(a) : 0;
    }

    long held(UserId creator) {
        long sum = 0;
        for (AccountId a : store.snapshot().balances().keySet()) {
            if (a.type() == AccountType.CREATOR_HOLD && a.owner().orElseThrow().equals(creator)) {
                sum += store.balance(a);
            }
        }
        return sum;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
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
