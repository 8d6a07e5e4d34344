package dev.coinage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.recharge.BalanceImport;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.jdbc.EmbeddedPostgresSupport;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * Several independent stacks — each its own {@code Coinage}, connection pool and {@code PostgresLedgerStore} — on one
 * PostgreSQL database, as application instances behind a load balancer are. Their threads race purchases (the same
 * app-store receipts credited by several stacks at once), gifts (the same gift keys sent by several stacks), members'
 * daily caps and, at the end, hold releases from every stack at once. The ledger is checked against the invariants and
 * against a serial model: each purchase credited once, each gift key spent once, no member past their cap, every
 * wallet and every creator's diamonds equal to the model's.
 */
class PostgresStacksTest {
    static final int STACKS = 3;
    static final int THREADS_PER_STACK = 2;
    static final int OPERATIONS_PER_THREAD = 150;
    static final int RECEIPTS = 40;
    static final int GIFT_KEYS = 300;
    static final long DAILY_CAP = 3_000;
    static final UserId[] VIEWERS = {UserId.of("v0"), UserId.of("v1"), UserId.of("v2"), UserId.of("v3")};
    static final UserId[] CREATORS = {UserId.of("c0"), UserId.of("c1"), UserId.of("c2")};

    static BalanceImport receipt(int r) {
        return new BalanceImport(
                VIEWERS[r % VIEWERS.length], "rcpt-" + r, 300 + r, r % 3 == 0 ? 30 : 0, Money.of(4.99, "USD"));
    }

    static GiftRequest gift(int k) {
        return TestEconomy.request(
                "gift-" + k, VIEWERS[k % VIEWERS.length], CREATORS[(k / 7) % CREATORS.length], "rose", 1 + k % 60);
    }

    @Test
    void independentStacksRacingOnOneDatabaseAgreeWithASerialModel() throws Exception {
        long seed = new Random().nextLong();
        AtomicReference<Instant> now = new AtomicReference<>(ExampleEconomy.NOW);
        try (EmbeddedPostgresSupport.TestDatabase db = EmbeddedPostgresSupport.newDatabase(2)) {
            List<HikariDataSource> pools = new ArrayList<>();
            List<TestEconomy> stacks = new ArrayList<>();
            for (int s = 0; s < STACKS; s++) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(db.dataSource().getJdbcUrl());
                config.setMaximumPoolSize(THREADS_PER_STACK + 1);
                HikariDataSource pool = new HikariDataSource(config);
                pools.add(pool);
                stacks.add(new TestEconomy(PostgresLedgerStore.create(pool), AbusePolicy.none(), now));
            }
            try {
                for (UserId v : VIEWERS) {
                    stacks.get(0).coinage.gifts().setUserLimit(v, LimitPeriod.DAY, DAILY_CAP);
                }
                Map<Integer, Boolean> credited = new ConcurrentHashMap<>();
                Map<Integer, GiftReceipt> sent = new ConcurrentHashMap<>();
                AtomicInteger refusals = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(STACKS * THREADS_PER_STACK);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < STACKS * THREADS_PER_STACK; t++) {
                    TestEconomy stack = stacks.get(t % STACKS);
                    Random random = new Random(seed + t);
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                            if (random.nextInt(3) == 0) {
                                int r = random.nextInt(RECEIPTS);
                                stack.coinage.recharges().importBalance(receipt(r));
                                credited.put(r, true);
                            } else {
                                int k = random.nextInt(GIFT_KEYS);
                                try {
                                    GiftReceipt receipt = stack.coinage.gifts().send(gift(k));
                                    GiftReceipt first = sent.putIfAbsent(k, receipt);
                                    if (first != null) {
                                        assertThat(receipt.transactionId()).isEqualTo(first.transactionId());
                                    }
                                } catch (CoinageException refused) {
                                    refusals.incrementAndGet(); // too few coins, or the cap
                                }
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
                // Releases from every stack at once, a week later.
                now.set(ExampleEconomy.NOW.plus(Duration.ofDays(8)));
                List<Future<?>> releases = new ArrayList<>();
                for (TestEconomy stack : stacks) {
                    releases.add(pool.submit(() -> stack.coinage.holds().releaseDueHolds()));
                }
                for (Future<?> f : releases) {
                    f.get(5, TimeUnit.MINUTES);
                }
                pool.shutdown();

                // The serial model.
                long[] wallet = new long[VIEWERS.length];
                long[] spent = new long[VIEWERS.length];
                long[] earned = new long[CREATORS.length];
                for (int r : credited.keySet()) {
                    BalanceImport receipt = receipt(r);
                    wallet[r % VIEWERS.length] += receipt.paidCoins() + receipt.bonusCoins();
                }
                for (Map.Entry<Integer, GiftReceipt> s : sent.entrySet()) {
                    int k = s.getKey();
                    long coins = 1 + k % 60;
                    assertThat(s.getValue().coinsSpent()).isEqualTo(coins);
                    wallet[k % VIEWERS.length] -= coins;
                    spent[k % VIEWERS.length] += coins;
                    earned[(k / 7) % CREATORS.length] += coins;
                }
                TestEconomy any = stacks.get(1);
                for (int v = 0; v < VIEWERS.length; v++) {
                    assertThat(any.coins(VIEWERS[v]))
                            .as("wallet of %s, seed %d", VIEWERS[v], seed)
                            .isEqualTo(wallet[v]);
                    assertThat(spent[v])
                            .as("spent by %s within the cap", VIEWERS[v])
                            .isLessThanOrEqualTo(DAILY_CAP);
                }
                for (int c = 0; c < CREATORS.length; c++) {
                    assertThat(any.coinage.diamonds(CREATORS[c]).amount())
                            .as("diamonds of %s = floor(coins / 2)", CREATORS[c])
                            .isEqualTo(earned[c] / 2);
                }
                for (int k = 0; k < GIFT_KEYS; k++) {
                    assertThat(any.store
                                    .find(dev.coinage.core.IdempotencyKey.of("gift:gift-" + k))
                                    .isPresent())
                            .as("gift %d applied iff a sender saw it succeed", k)
                            .isEqualTo(sent.containsKey(k));
                }
                assertThat(refusals.get()).as("some gifts were refused").isPositive();
                assertThat(sent).as("some gifts were sent").isNotEmpty();
                LedgerInvariants.check(any.store, Set.of());
                LedgerInvariants.checkLots(any.store);
            } finally {
                for (HikariDataSource p : pools) {
                    p.close();
                }
            }
        }
    }
}
