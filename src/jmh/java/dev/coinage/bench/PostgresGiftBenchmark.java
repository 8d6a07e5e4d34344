package dev.coinage.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.Gifting;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.store.TestFunds;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import dev.coinage.store.jdbc.PostgresSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gifts per second through {@link PostgresLedgerStore} against a raw-JDBC baseline, on one embedded PostgreSQL, with
 * concurrent senders: the store as created, and the store with group commit (concurrent senders share transactions).
 * The last table printed gives each scenario's ratio to the naive gift of the same shape, round by round. Not JMH: every scenario must share one database server in one run, so this harness starts the
 * server once and measures each scenario for a fixed window after a warm-up, in rounds that alternate the scenarios.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.main=dev.coinage.bench.PostgresGiftBenchmark
 * -Dbench.args="--threads 8 --warmup 5 --seconds 15 --rounds 2"}. Add {@code --fsync off} to take the disk out, and
 * {@code --only <regular expression>} to run only the scenarios whose names match.
 */
public final class PostgresGiftBenchmark {
    private static final int CREATORS = 1000;
    private static final long COINS = 2;
    private static final int BATCH = 10;
    private static final int GROUP = 64;
    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    private static final GiftId ROSE = GiftId.of("rose");
    private static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);

    private final int threads;
    private final HikariDataSource dataSource;
    private final PostgresLedgerStore store;
    /** The same database through a store with group commit: concurrent senders share transactions and commits. */
    private final PostgresLedgerStore grouped;
    /** Group commit with two groups in flight. */
    private final PostgresLedgerStore grouped2;

    private final Gifting gifting;
    private final Gifting groupedGifting;

    private PostgresGiftBenchmark(int threads, HikariDataSource dataSource) {
        this.threads = threads;
        this.dataSource = dataSource;
        this.store = PostgresLedgerStore.create(dataSource);
        this.grouped =
                PostgresLedgerStore.builder(dataSource).groupCommit(GROUP).build();
        this.grouped2 =
                PostgresLedgerStore.builder(dataSource).groupCommit(GROUP, 2).build();
        // The example economy (a Rose is 1 coin, share 1/2) without spending limits; every member an adult in good
        // standing in the US.
        EconomyDefinition noLimits = ExampleEconomy.definition().withSpendingLimits(List.of());
        MemberProfile adult = new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, true);
        this.gifting = Gifting.builder(noLimits, store)
                .members(user -> Optional.of(adult))
                .build();
        this.groupedGifting = Gifting.builder(noLimits, grouped)
                .members(user -> Optional.of(adult))
                .build();
    }

    /** One sender's loop: does one unit of work and returns how many gifts it sent. */
    @FunctionalInterface
    private interface Work {
        int send(int thread, long n, SplittableRandom random) throws SQLException;
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --threads n --warmup s --seconds s --rounds n --fsync on|off}
     * @throws Exception if the database cannot be started
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(
                Map.of("threads", "8", "warmup", "5", "seconds", "15", "rounds", "2", "fsync", "on", "only", ".*"));
        // exec:exec passes -Dbench.args as one argument: split it.
        String[] words = String.join(" ", args).trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i += 2) {
            options.put(words[i].replaceFirst("^--", ""), words[i + 1]);
        }
        int threads = Integer.parseInt(options.get("threads"));
        boolean fsync = options.get("fsync").equals("on");
        System.out.println("options " + options + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", fsync ? "on" : "off")
                .setServerConfig("synchronous_commit", fsync ? "on" : "off")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB")
                .start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE coinage_bench");
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(pg.getJdbcUrl("postgres", "coinage_bench"));
            config.setMaximumPoolSize(threads);
            config.setMinimumIdle(threads);
            try (HikariDataSource ds = new HikariDataSource(config)) {
                PostgresSchema.migrate(ds);
                PostgresGiftBenchmark bench = new PostgresGiftBenchmark(threads, ds);
                bench.setUp();
                bench.run(
                        options.get("only"),
                        Integer.parseInt(options.get("rounds")),
                        Integer.parseInt(options.get("warmup")),
                        Integer.parseInt(options.get("seconds")));
            }
        }
    }

    private static UserId sender(int thread) {
        return UserId.of("sender-" + thread);
    }

    private static UserId creator(int i) {
        return UserId.of("creator-" + i);
    }

    private void setUp() throws SQLException {
        for (int t = 0; t < threads; t++) {
            TestFunds.fund(store, sender(t), Long.MAX_VALUE / 64, t + 1);
            for (int i = 0; i < CREATORS; i++) {
                store.open(link(t, i));
            }
        }
        for (int i = 0; i < CREATORS; i++) {
            store.open(AccountId.creatorHold(creator(i), "p1"));
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_wallet (user_id VARCHAR(200) PRIMARY KEY, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE bench_creator (user_id VARCHAR(200) PRIMARY KEY, diamonds BIGINT NOT NULL)");
            s.execute("CREATE TABLE bench_gift (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                    + "sender VARCHAR(200) NOT NULL, creator VARCHAR(200) NOT NULL, coins BIGINT NOT NULL, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO bench_wallet SELECT 'sender-' || i, " + (Long.MAX_VALUE / 64)
                    + " FROM generate_series(0, " + (threads - 1) + ") i");
            s.execute("INSERT INTO bench_creator SELECT 'creator-' || i, 0 FROM generate_series(0, " + (CREATORS - 1)
                    + ") i");
            s.execute("VACUUM ANALYZE");
        }
    }

    private void run(String only, int rounds, int warmup, int seconds) throws Exception {
        Map<String, Work> scenarios = new LinkedHashMap<>();
        scenarios.put("raw JDBC, many creators", (t, n, r) -> rawGift(t, r.nextInt(CREATORS)));
        scenarios.put("Coinage, many creators", (t, n, r) -> coinageGift("m", t, n, r.nextInt(CREATORS)));
        scenarios.put("raw JDBC, one creator", (t, n, r) -> rawGift(t, 0));
        scenarios.put("Coinage, one creator", (t, n, r) -> coinageGift("o", t, n, 0));
        scenarios.put("Coinage group commit, many creators", (t, n, r) -> groupedGift("gm", t, n, r.nextInt(CREATORS)));
        scenarios.put("Coinage group commit, one creator", (t, n, r) -> groupedGift("go", t, n, 0));
        scenarios.put(
                "Coinage group commit x2, many creators",
                (t, n, r) -> groupedGift(grouped2, "g2m", t, n, r.nextInt(CREATORS)));
        scenarios.put("Coinage group commit x2, one creator", (t, n, r) -> groupedGift(grouped2, "g2o", t, n, 0));
        scenarios.put("Coinage batch of " + BATCH + ", many creators", (t, n, r) -> coinageBatch(t, n, r));
        scenarios.put("Gifting.send, many creators", (t, n, r) -> send(gifting, "s", t, n, r.nextInt(CREATORS)));
        scenarios.put(
                "Gifting.send group commit, many creators",
                (t, n, r) -> send(groupedGifting, "sg", t, n, r.nextInt(CREATORS)));
        scenarios.keySet().removeIf(name -> !name.matches(only));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Work> s : scenarios.entrySet()) {
                double rate = measure(s.getKey() + " #" + round, s.getValue(), warmup, seconds);
                results.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(rate);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-36s %s%n", "scenario (" + threads + " senders)", "gifts/s per round");
        for (Map.Entry<String, List<Double>> r : results.entrySet()) {
            StringBuilder line = new StringBuilder();
            for (double rate : r.getValue()) {
                line.append(String.format(Locale.ROOT, "%10.0f", rate));
            }
            System.out.printf(Locale.ROOT, "%-36s%s%n", r.getKey(), line);
        }
        // Each scenario against the naive gift of the same shape, round by round (same run, same machine state).
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %s%n", "ratio to the raw JDBC gift", "per round");
        for (Map.Entry<String, List<Double>> r : results.entrySet()) {
            String baseline = r.getKey().endsWith("one creator") ? "raw JDBC, one creator" : "raw JDBC, many creators";
            List<Double> base = results.get(baseline);
            if (base == null || r.getKey().startsWith("raw JDBC")) {
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.getValue().size(); i++) {
                line.append(String.format(Locale.ROOT, "%8.2fx", r.getValue().get(i) / base.get(i)));
            }
            System.out.printf(Locale.ROOT, "%-40s%s  (vs %s)%n", r.getKey(), line, baseline);
        }
    }

    private double measure(String name, Work work, int warmup, int seconds) throws Exception {
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder gifts = new LongAdder();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Throwable> failures = new ArrayList<>();
        String prefix = name.replaceAll("[^A-Za-z0-9#]", "");
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(
                    () -> {
                        SplittableRandom random = new SplittableRandom(thread * 31L + name.hashCode());
                        long n = 0;
                        try {
                            while (!stop.get()) {
                                int sent = work.send(thread, (prefix.hashCode() & 0xffffL) << 40 | n++, random);
                                if (counting.get()) {
                                    gifts.add(sent);
                                }
                            }
                        } catch (Throwable e) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        } finally {
                            finished.countDown();
                        }
                    },
                    "sender-" + t);
            worker.start();
        }
        Thread.sleep(warmup * 1000L);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        finished.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name + " failed", failures.get(0));
        }
        double rate = gifts.sum() / elapsed;
        System.out.printf(Locale.ROOT, "%-40s %10.0f gifts/s%n", name, rate);
        return rate;
    }

    private static TransactionRequest gift(String key, int thread, int creator) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "gift")
                .debit(AccountId.userCoins(sender(thread)), COINS)
                .credit(CONSUMED, COINS)
                .debit(PARTS_ISSUED, COINS / 2)
                .credit(AccountId.creatorHold(creator(creator), "p1"), COINS / 2)
                .debit(lot(thread), COINS)
                .credit(link(thread, creator), COINS)
                .attribute("gift", "rose")
                .build();
    }

    /** The sender's lot, as {@link TestFunds} names it: a gift consumes it, as Gifting's gifts do. */
    private static AccountId lot(int thread) {
        return AccountId.member(
                AccountType.LOT_PAID,
                sender(thread),
                String.format(java.util.Locale.ROOT, "%013d.%024x", thread + 1, thread + 1));
    }

    /** The link from the sender's lot to the creator's hold period. */
    private static AccountId link(int thread, int creator) {
        return AccountId.member(
                AccountType.LOT_GIFTED,
                creator(creator),
                String.format(java.util.Locale.ROOT, "%024x", thread + 1) + ".p1");
    }

    /** The whole use case: checks, reads (replay, freeze, wallet, lots) and the gift transaction, on PostgreSQL. */
    private static int send(Gifting gifting, String scenario, int thread, long n, int creator) {
        gifting.send(GiftRequest.live(
                        IdempotencyKey.of(scenario + "-" + thread + "-" + n),
                        sender(thread),
                        creator(creator),
                        ROSE,
                        "live")
                .withCount(COINS));
        return 1;
    }

    private int groupedGift(String scenario, int thread, long n, int creator) {
        return groupedGift(grouped, scenario, thread, n, creator);
    }

    private static int groupedGift(PostgresLedgerStore store, String scenario, int thread, long n, int creator) {
        store.apply(gift(scenario + "-" + thread + "-" + n, thread, creator));
        return 1;
    }

    private int coinageGift(String scenario, int thread, long n, int creator) {
        store.apply(gift(scenario + "-" + thread + "-" + n, thread, creator));
        return 1;
    }

    private int coinageBatch(int thread, long n, SplittableRandom random) {
        List<TransactionRequest> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(gift("b-" + thread + "-" + n + "-" + i, thread, random.nextInt(CREATORS)));
        }
        store.applyAll(batch);
        return BATCH;
    }

    /** The naive gift by hand: guarded debit of the wallet, credit of the creator's row, one entry, commit. */
    private int rawGift(int thread, int creator) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement debit = c.prepareStatement(
                            "UPDATE bench_wallet SET balance = balance - ? WHERE user_id = ? AND balance >= ?");
                    PreparedStatement credit =
                            c.prepareStatement("UPDATE bench_creator SET diamonds = diamonds + ? WHERE user_id = ?");
                    PreparedStatement entry =
                            c.prepareStatement("INSERT INTO bench_gift (sender, creator, coins) VALUES (?, ?, ?)")) {
                String from = sender(thread).value();
                String to = creator(creator).value();
                debit.setLong(1, COINS);
                debit.setString(2, from);
                debit.setLong(3, COINS);
                if (debit.executeUpdate() != 1) {
                    throw new IllegalStateException("insufficient coins");
                }
                credit.setLong(1, COINS / 2);
                credit.setString(2, to);
                credit.executeUpdate();
                entry.setString(1, from);
                entry.setString(2, to);
                entry.setLong(3, COINS);
                entry.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return 1;
    }
}
