package dev.coinage.store.jdbc;

import static dev.coinage.store.Requests.CONSUMED;
import static dev.coinage.store.Requests.gift;
import static dev.coinage.store.Requests.recharge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.Requests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on a real PostgreSQL: concurrent calls share one transaction and one commit, and each still gets its
 * own result, its own refusal or the group's database failure. To make a group gather deterministically, a test holds
 * a row lock from another connection so that the group in flight waits, lets the other calls queue behind it, and then
 * releases the lock.
 */
class PostgresGroupCommitTest {
    private static final AccountId ISSUED_BONUS = AccountId.system(AccountType.COINS_ISSUED_BONUS);

    private final UserId ana = UserId.of("ana");
    private final UserId bo = UserId.of("bo");
    private final UserId carl = UserId.of("carl");
    private final UserId star = UserId.of("star");
    private final UserId gate = UserId.of("gate");
    private final UserId rich = UserId.of("rich");
    private final UserId nobody = UserId.of("nobody");

    private EmbeddedPostgresSupport.TestDatabase database;
    private FaultInjectingDataSource faulty;
    private PostgresLedgerStore store;
    private ExecutorService callers;

    @BeforeEach
    void setUp() {
        database = EmbeddedPostgresSupport.newDatabase(12);
        faulty = new FaultInjectingDataSource(database.dataSource(), database.unpooled());
        store = PostgresLedgerStore.builder(faulty).groupCommit(64).build();
        for (UserId u : List.of(ana, bo, carl, star, gate, rich)) {
            Requests.openMember(store, u);
        }
        store.apply(recharge("fund-ana", ana, 1000));
        store.apply(recharge("fund-bo", bo, 10));
        store.apply(recharge("fund-carl", carl, 10));
        store.apply(recharge("fund-gate", gate, 100));
        callers = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
        database.close();
    }

    @Test
    void refusedCallsFailAloneWhileTheRestOfTheirGroupCommitsOnce() throws Exception {
        // A wallet near the largest balance, taken back down before the invariants are checked (a snapshot's total
        // of coins would overflow while it is there).
        store.apply(TransactionRequest.builder(IdempotencyKey.of("fund-rich"), "bonus")
                .debit(ISSUED_BONUS, Long.MAX_VALUE - 5)
                .credit(AccountId.userCoins(rich), Long.MAX_VALUE - 5)
                .build());
        store.apply(recharge("old-1", ana, 5));
        AppliedTransaction old2 = store.apply(recharge("old-2", ana, 6));

        Map<String, Callable<List<AppliedTransaction>>> calls = new LinkedHashMap<>();
        calls.put("g1", one(gift("g1", ana, star, 10)));
        calls.put("g2", one(gift("g2", ana, star, 20)));
        calls.put("poor", one(gift("poor", bo, star, 100)));
        calls.put("bo-top-up", one(recharge("bo-top-up", bo, 7)));
        calls.put("old-1", one(recharge("old-1", ana, 999)));
        calls.put("old-2", one(recharge("old-2", ana, 6)));
        calls.put("to-nobody", one(gift("to-nobody", ana, nobody, 4)));
        calls.put(
                "overflow",
                one(TransactionRequest.builder(IdempotencyKey.of("overflow"), "transfer")
                        .debit(AccountId.userCoins(ana), 10)
                        .credit(AccountId.userCoins(rich), 10)
                        .build()));
        calls.put("batch", () -> store.applyAll(List.of(gift("b1", ana, star, 6), gift("b2", bo, star, 500))));

        int commitsBefore = faulty.commits.get();
        Map<String, Future<List<AppliedTransaction>>> results;
        Future<List<AppliedTransaction>> lead;
        RowLock lock = new RowLock(AccountId.userCoins(gate));
        try {
            lead = callers.submit(one(gift("lead", gate, star, 2)));
            awaitLockWaiters(1);
            results = submitAll(calls);
            await(() -> store.groupCommitWaiting() == calls.size());
        } finally {
            lock.release();
        }
        assertThat(lead.get(30, TimeUnit.SECONDS).get(0).replay()).isFalse();

        assertThat(outcome(results.get("g1")).get(0).replay()).isFalse();
        assertThat(outcome(results.get("g2")).get(0).replay()).isFalse();
        assertThat(outcome(results.get("bo-top-up")).get(0).replay()).isFalse();
        AppliedTransaction replay = outcome(results.get("old-2")).get(0);
        assertThat(replay.replay()).isTrue();
        assertThat(replay.id()).isEqualTo(old2.id());
        assertThat(failure(results.get("poor"))).isInstanceOfSatisfying(InsufficientCoinsException.class, e -> {
            assertThat(e.account()).isEqualTo(AccountId.userCoins(bo));
            assertThat(e.required()).isEqualTo(100);
            assertThat(e.available()).isIn(10L, 17L);
        });
        assertThat(failure(results.get("old-1")))
                .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> assertThat(e.key())
                        .isEqualTo(IdempotencyKey.of("old-1")));
        assertThat(failure(results.get("to-nobody")))
                .isInstanceOfSatisfying(UnknownAccountException.class, e -> assertThat(e.account())
                        .isEqualTo(AccountId.creatorHold(nobody, "p1")));
        assertThat(failure(results.get("overflow"))).isInstanceOfSatisfying(BalanceOverflowException.class, e -> {
            assertThat(e.account()).isEqualTo(AccountId.userCoins(rich));
            assertThat(e.balance()).isEqualTo(Long.MAX_VALUE - 5);
        });
        assertThat(failure(results.get("batch")))
                .isInstanceOfSatisfying(InsufficientCoinsException.class, e -> assertThat(e.required())
                        .isEqualTo(500));

        // Two transactions: the one in flight, then everything that queued behind it.
        assertThat(faulty.commits.get() - commitsBefore).isEqualTo(2);

        for (String refused : List.of("poor", "to-nobody", "overflow", "b1", "b2")) {
            assertThat(store.find(IdempotencyKey.of(refused))).as(refused).isEmpty();
        }
        assertThat(store.find(IdempotencyKey.of("old-1"))
                        .orElseThrow()
                        .entries()
                        .get(0)
                        .amount())
                .isEqualTo(-5);
        assertThat(store.poll(100).stream().map(m -> m.key().value()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "fund-ana",
                        "fund-bo",
                        "fund-carl",
                        "fund-gate",
                        "fund-rich",
                        "old-1",
                        "old-2",
                        "lead",
                        "g1",
                        "g2",
                        "bo-top-up");

        assertThat(store.balance(AccountId.userCoins(rich))).isEqualTo(Long.MAX_VALUE - 5);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("unfund-rich"), "bonus")
                .debit(AccountId.userCoins(rich), Long.MAX_VALUE - 5)
                .credit(ISSUED_BONUS, Long.MAX_VALUE - 5)
                .build());
        LedgerSnapshot end = LedgerInvariants.check(store, Set.of());
        assertThat(end.balance(AccountId.userCoins(ana))).isEqualTo(1000 + 5 + 6 - 10 - 20);
        assertThat(end.balance(AccountId.userCoins(bo))).isEqualTo(17);
        assertThat(end.balance(CONSUMED)).isEqualTo(2 + 10 + 20);
        assertThat(end.balance(AccountId.creatorHold(star, "p1"))).isEqualTo(1 + 5 + 10);
    }

    @Test
    void callsWithOneKeyQueuedTogetherApplyOnceAndTheOthersReplayIt() throws Exception {
        Map<String, Callable<List<AppliedTransaction>>> calls = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            calls.put("dup-" + i, one(gift("dup", ana, star, 2)));
        }
        Map<String, Future<List<AppliedTransaction>>> results;
        RowLock lock = new RowLock(AccountId.userCoins(gate));
        try {
            callers.submit(one(gift("lead", gate, star, 2)));
            awaitLockWaiters(1);
            results = submitAll(calls);
            await(() -> store.groupCommitWaiting() == calls.size());
        } finally {
            lock.release();
        }
        List<AppliedTransaction> all = new ArrayList<>();
        for (Future<List<AppliedTransaction>> f : results.values()) {
            all.add(outcome(f).get(0));
        }
        assertThat(all.stream().filter(t -> !t.replay()).count()).isEqualTo(1);
        assertThat(all.stream().map(AppliedTransaction::id).distinct().count()).isEqualTo(1);
        LedgerSnapshot end = LedgerInvariants.check(store, Set.of());
        assertThat(end.balance(AccountId.userCoins(ana))).isEqualTo(998);
    }

    @Test
    void aDatabaseFailureFailsEveryCallOfTheGroupAndRetriesApplyEachOnce() throws Exception {
        Map<String, Callable<List<AppliedTransaction>>> calls = new LinkedHashMap<>();
        calls.put("f1", one(gift("f1", ana, star, 2)));
        calls.put("f2", one(gift("f2", carl, star, 2)));
        calls.put("f3", one(recharge("f3", bo, 3)));
        int commitsBefore = faulty.commits.get();
        Map<String, Future<List<AppliedTransaction>>> results;
        RowLock second = new RowLock(AccountId.userCoins(carl));
        try {
            RowLock first = new RowLock(AccountId.userCoins(gate));
            try {
                callers.submit(one(gift("lead", gate, star, 2)));
                awaitLockWaiters(1);
                results = submitAll(calls);
                await(() -> store.groupCommitWaiting() == calls.size());
            } finally {
                first.release();
            }
            // The first group commits; the second, all three calls, waits for carl's wallet.
            await(() -> faulty.commits.get() == commitsBefore + 1);
            faulty.commitFailureState = "08006";
            faulty.failCommits.set(1);
        } finally {
            second.release();
        }
        for (Map.Entry<String, Future<List<AppliedTransaction>>> r : results.entrySet()) {
            assertThat(failure(r.getValue())).isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                assertThat(e.sqlState()).contains("08006");
                assertThat(e.getMessage()).contains(r.getKey());
            });
            assertThat(store.find(IdempotencyKey.of(r.getKey()))).isEmpty();
        }
        for (Map.Entry<String, Callable<List<AppliedTransaction>>> call : calls.entrySet()) {
            assertThat(call.getValue().call().get(0).replay()).as(call.getKey()).isFalse();
        }
        LedgerSnapshot end = LedgerInvariants.check(store, Set.of());
        assertThat(end.balance(AccountId.userCoins(carl))).isEqualTo(8);
        assertThat(end.balance(AccountId.userCoins(bo))).isEqualTo(13);
        assertThat(end.balance(CONSUMED)).isEqualTo(6);
    }

    @Test
    void aRefusedCallsKeyIsFreeForARequestThatWaitedOnIt() throws Exception {
        PostgresLedgerStore plain = PostgresLedgerStore.create(database.dataSource());
        Future<AppliedTransaction> waiter;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            TransactionWriter.Outcome[] outcomes = TransactionWriter.applyUnits(
                    c,
                    List.<TransactionRequest[]>of(
                            new TransactionRequest[] {gift("k", ana, star, 2)},
                            new TransactionRequest[] {gift("k2", bo, star, 100)}),
                    Clock.systemUTC(),
                    false);
            assertThat(outcomes[0].refusal).isNull();
            assertThat(outcomes[1].refusal).isInstanceOf(InsufficientBalanceException.class);
            // Another instance sends k2 while the group's transaction, which claimed k2 and deleted the claim again,
            // is still open: it waits for that transaction, then claims the key itself.
            waiter = callers.submit(() -> plain.apply(gift("k2", ana, star, 4)));
            awaitLockWaiters(1);
            c.commit();
        }
        AppliedTransaction k2 = waiter.get(30, TimeUnit.SECONDS);
        assertThat(k2.replay()).isFalse();
        assertThat(store.find(IdempotencyKey.of("k2"))
                        .orElseThrow()
                        .entries()
                        .get(0)
                        .amount())
                .isEqualTo(-4);
        assertThat(store.poll(100).stream().filter(m -> m.key().value().startsWith("k")))
                .extracting(OutboxMessage::key)
                .containsExactlyInAnyOrder(IdempotencyKey.of("k"), IdempotencyKey.of("k2"));
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void manyCallersSharingCommitsKeepEveryInvariant() throws Exception {
        manyCallers(store);
    }

    @Test
    void manyCallersWithTwoGroupsInFlightKeepEveryInvariant() throws Exception {
        manyCallers(PostgresLedgerStore.builder(faulty).groupCommit(64, 2).build());
    }

    private void manyCallers(PostgresLedgerStore store) throws Exception {
        int threads = 12;
        int perThread = 120;
        List<UserId> viewers = List.of(ana, bo, carl, gate);
        AtomicLong recharged = new AtomicLong(1000 + 10 + 10 + 100);
        AtomicLong gifted = new AtomicLong();
        AtomicLong toStar = new AtomicLong();
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger replays = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        int commitsBefore = faulty.commits.get();
        List<Future<Void>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(callers.submit(() -> {
                SplittableRandom random = new SplittableRandom(thread);
                List<TransactionRequest> applied = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    calls.incrementAndGet();
                    int dice = random.nextInt(10);
                    if (dice == 0 && !applied.isEmpty()) {
                        TransactionRequest again = applied.get(random.nextInt(applied.size()));
                        assertThat(store.apply(again).replay()).isTrue();
                        replays.incrementAndGet();
                        continue;
                    }
                    if (dice == 1 && !applied.isEmpty()) {
                        TransactionRequest first = applied.get(random.nextInt(applied.size()));
                        assertThatThrownBy(
                                        () -> store.apply(recharge(first.key().value(), star, 1)))
                                .isInstanceOf(IdempotencyConflictException.class);
                        conflicts.incrementAndGet();
                        continue;
                    }
                    String key = "t" + thread + "-" + i;
                    UserId viewer = viewers.get(random.nextInt(viewers.size()));
                    if (dice < 4) {
                        long coins = 1 + random.nextInt(50);
                        TransactionRequest r = recharge(key, viewer, coins);
                        assertThat(store.apply(r).replay()).isFalse();
                        applied.add(r);
                        recharged.addAndGet(coins);
                    } else {
                        long coins = 2 * (1 + random.nextInt(60));
                        TransactionRequest r = gift(key, viewer, star, coins);
                        try {
                            assertThat(store.apply(r).replay()).isFalse();
                            applied.add(r);
                            gifted.addAndGet(coins);
                            toStar.addAndGet(coins / 2);
                        } catch (InsufficientBalanceException e) {
                            refusals.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<Void> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        assertThat(refusals.get()).isPositive();
        assertThat(replays.get()).isPositive();
        assertThat(conflicts.get()).isPositive();
        // Calls shared commits: fewer commits than calls.
        assertThat(faulty.commits.get() - commitsBefore).isLessThan(calls.get());

        LedgerSnapshot end = LedgerInvariants.check(store, Set.of());
        long wallets = viewers.stream()
                .mapToLong(v -> end.balance(AccountId.userCoins(v)))
                .sum();
        assertThat(wallets).isEqualTo(recharged.get() - gifted.get());
        assertThat(end.balance(CONSUMED)).isEqualTo(gifted.get());
        assertThat(end.balance(AccountId.creatorHold(star, "p1"))).isEqualTo(toStar.get());
        Set<String> outboxKeys = new HashSet<>();
        for (OutboxMessage m : store.poll(100_000)) {
            assertThat(outboxKeys.add(m.key().value())).isTrue();
        }
        assertThat(outboxKeys).hasSize(4 + threads * perThread - replays.get() - conflicts.get() - refusals.get());
    }

    private Callable<List<AppliedTransaction>> one(TransactionRequest request) {
        return () -> List.of(store.apply(request));
    }

    private Map<String, Future<List<AppliedTransaction>>> submitAll(
            Map<String, Callable<List<AppliedTransaction>>> calls) {
        Map<String, Future<List<AppliedTransaction>>> futures = new LinkedHashMap<>();
        calls.forEach((name, call) -> futures.put(name, callers.submit(call)));
        return futures;
    }

    private static List<AppliedTransaction> outcome(Future<List<AppliedTransaction>> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<List<AppliedTransaction>> f) throws Exception {
        try {
            List<AppliedTransaction> result = f.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 30 s");
            }
            Thread.sleep(5);
        }
    }

    /** Waits until {@code n} sessions of this database wait for a lock. */
    private void awaitLockWaiters(int n) throws InterruptedException {
        await(() -> {
            try (Connection c = database.unpooled().getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND wait_event_type = 'Lock'");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) >= n;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Holds the row locks of an account's balance shards from a connection of its own until released. */
    private final class RowLock {
        private final Connection c;

        RowLock(AccountId account) throws SQLException {
            c = database.unpooled().getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement s =
                    c.prepareStatement("SELECT shard FROM coinage_balance_shard WHERE account_id = ? FOR UPDATE")) {
                s.setString(1, account.toString());
                s.executeQuery().close();
            }
        }

        void release() throws SQLException {
            c.rollback();
            c.close();
        }
    }
}
