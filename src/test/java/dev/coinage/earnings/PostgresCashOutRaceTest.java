package dev.coinage.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.Coinage;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.CashOutPolicy;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.jdbc.EmbeddedPostgresSupport;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import dev.coinage.testing.FakePayoutGateway;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link Coinage} instances (two stores over one PostgreSQL database, as two application instances) race
 * cash-outs of one creator from eight threads, each request key sent to both instances: the creator's available
 * diamonds never go negative, the day's cap holds, and each request is applied once.
 */
class PostgresCashOutRaceTest {
    private static final int THREADS = 8;
    private static final int KEYS_PER_PAIR = 6;

    private EmbeddedPostgresSupport.TestDatabase database;

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoInstancesRacingCashOutsOfOneCreatorKeepTheCapAndApplyEachRequestOnce() throws Exception {
        database = EmbeddedPostgresSupport.newDatabase(THREADS + 2);
        Clock clock = Clock.fixed(ExampleEconomy.NOW, ZoneOffset.UTC);
        UserId creator = UserId.of("creator");
        MemberProfile profile = new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, true);
        var economy = ExampleEconomy.definition();
        CashOutPolicy policy = economy.cashOut();
        PayoutProfile payoutProfile = PayoutProfile.verified(policy.currency());
        Members members = new Members() {
            @Override
            public Optional<MemberProfile> find(UserId user) {
                return Optional.of(profile);
            }

            @Override
            public Optional<PayoutProfile> payoutProfile(UserId c) {
                return Optional.of(payoutProfile);
            }
        };
        FakePayoutGateway provider = new FakePayoutGateway();
        List<Coinage> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            LedgerStore store = PostgresLedgerStore.create(database.dataSource(), clock);
            instances.add(Coinage.builder()
                    .definition(economy)
                    .store(store)
                    .clock(clock)
                    .members(members)
                    .payouts(provider)
                    .build());
        }
        LedgerStore store = instances.get(0).store();
        long minted = 300_000; // 1,500 USD: more than the day's cap of 1,000 USD (200,000 diamonds)
        AccountId diamonds = AccountId.creatorDiamonds(creator);
        store.open(diamonds);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("mint"), "hold-release")
                .debit(AccountId.system(AccountType.DIAMONDS_ISSUED), minted)
                .credit(diamonds, minted)
                .build());

        // Each pair of threads (one per instance) sends the same keys, each with one quote, in opposite orders.
        Map<String, CashOutQuote> quotes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        for (int pair = 0; pair < THREADS / 2; pair++) {
            for (int k = 0; k < KEYS_PER_PAIR; k++) {
                long n = 10_000 + 5_000L * ((pair + k) % 4); // 50 to 125 USD, none in review
                quotes.put(pair + "-" + k, instances.get(0).cashOuts().quote(creator, n));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int pair = t / 2;
            int side = t % 2;
            CashOuts cashOuts = instances.get(side).cashOuts();
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < KEYS_PER_PAIR; i++) {
                    int k = side == 0 ? i : KEYS_PER_PAIR - 1 - i;
                    String key = pair + "-" + k;
                    try {
                        Payout p = cashOuts.request(quotes.get(key), IdempotencyKey.of(key));
                        accepted.put(p.id(), p.quote().diamonds());
                        if (!p.replay()) {
                            applied.computeIfAbsent(p.id(), id -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    } catch (CashOutCapExceededException | InsufficientAvailableDiamondsException e) {
                        refused.incrementAndGet();
                    }
                    long available = cashOuts.earnings(creator).availableDiamonds();
                    assertThat(available).isNotNegative();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        long reserved = accepted.values().stream().mapToLong(Long::longValue).sum();
        assertThat(refused.get()).as("requests refused by the cap").isPositive();
        assertThat(applied).hasSameSizeAs(accepted);
        applied.forEach((id, times) ->
                assertThat(times.get()).as("times %s applied", id).isEqualTo(1));
        assertThat(reserved).isLessThanOrEqualTo(policy.diamondsWithin(policy.dailyCap()));
        for (Coinage c : instances) {
            CreatorEarnings e = c.cashOuts().earnings(creator);
            assertThat(e.reservedDiamonds()).isEqualTo(reserved);
            assertThat(e.availableDiamonds()).isEqualTo(minted - reserved);
        }
        LedgerInvariants.check(store, Set.of());
    }
}
