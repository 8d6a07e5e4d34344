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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a PostgreSQL gift's cost goes, one sender at a time, no contention: per gift, the wall time, the JVM's CPU
 * time, the database server's CPU time (every process of the embedded server, from {@code /proc}), the WAL bytes,
 * records and full-page images ({@code pg_stat_wal}), and, per statement, calls, plannings, planning and execution
 * time, rows and WAL bytes ({@code pg_stat_statements}). For the naive raw-JDBC gift, the store's {@code apply} of the
 * gift transaction, and {@code Gifting.send}. Not a throughput figure: {@link PostgresGiftBenchmark} is.
 *
 * <p>Linux only (reads {@code /proc}). Run: {@code ./mvnw -o -Pbench test-compile exec:exec
 * -Dbench.main=dev.coinage.bench.PostgresGiftProbe -Dbench.args="[gifts]"}.
 */
public final class PostgresGiftProbe {
    private static final int CREATORS = 1000;
    private static final long COINS = 2;
    private static final UserId SENDER = UserId.of("sender-0");
    private static final int THREADS = 8;
    private static final GiftId ROSE = GiftId.of("rose");

    private PostgresGiftProbe() {}

    /** One way of sending gift number {@code n}. */
    @FunctionalInterface
    private interface Work {
        void send(long n) throws Exception;
    }

    /**
     * Runs the probe.
     *
     * @param args optional: gifts per scenario (default 5,000)
     * @throws Exception if the database cannot be started
     */
    public static void main(String[] args) throws Exception {
        String[] words = String.join(" ", args).trim().split("\\s+");
        int gifts = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 5000;
        Path dataDir = Files.createTempDirectory("coinage-probe");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("shared_buffers", "256MB")
                .start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE coinage_probe");
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(pg.getJdbcUrl("postgres", "coinage_probe"));
            config.setMaximumPoolSize(2);
            try (HikariDataSource ds = new HikariDataSource(config)) {
                try (Connection c = ds.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION pg_stat_statements");
                }
                PostgresSchema.migrate(ds);
                long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"))
                        .get(0)
                        .trim());
                run(ds, postmaster, gifts);
            }
        }
    }

    private static void run(HikariDataSource ds, long postmaster, int gifts) throws Exception {
        PostgresLedgerStore store = PostgresLedgerStore.create(ds);
        EconomyDefinition noLimits = ExampleEconomy.definition().withSpendingLimits(List.of());
        MemberProfile adult = new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, true);
        Gifting gifting = Gifting.builder(noLimits, store)
                .members(user -> Optional.of(adult))
                .build();
        for (int t = 0; t < THREADS; t++) {
            TestFunds.fund(store, sender(t), Long.MAX_VALUE / 64, t + 1);
            for (int i = 0; i < CREATORS; i++) {
                store.open(link(t, i));
            }
        }
        for (int i = 0; i < CREATORS; i++) {
            store.open(AccountId.creatorHold(creator(i), "p1"));
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_wallet (user_id VARCHAR(200) PRIMARY KEY, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE bench_creator (user_id VARCHAR(200) PRIMARY KEY, diamonds BIGINT NOT NULL)");
            s.execute("CREATE TABLE bench_gift (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                    + "sender VARCHAR(200) NOT NULL, creator VARCHAR(200) NOT NULL, coins BIGINT NOT NULL, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO bench_wallet VALUES ('sender-0', " + (Long.MAX_VALUE / 64) + ")");
            s.execute("INSERT INTO bench_creator SELECT 'creator-' || i, 0 FROM generate_series(0, " + (CREATORS - 1)
                    + ") i");
            s.execute("VACUUM ANALYZE");
        }
        probe(ds, postmaster, "raw JDBC gift", gifts, n -> rawGift(ds, Math.floorMod(n, CREATORS)));
        probe(
                ds,
                postmaster,
                "store apply (gift transaction)",
                gifts,
                n -> store.apply(gift("a-" + n, 0, Math.floorMod(n, CREATORS))));
        PostgresLedgerStore grouped =
                PostgresLedgerStore.builder(ds).groupCommit(64).build();
        probe(ds, postmaster, "group commit apply, " + THREADS + " senders at once", gifts / THREADS, THREADS, n -> {
            Thread[] senders = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders[t] = new Thread(() -> grouped.apply(
                        gift("g-" + thread + "-" + n, thread, Math.floorMod(n * 31 + thread * 17, CREATORS))));
                senders[t].start();
            }
            for (Thread t : senders) {
                t.join();
            }
        });
        probe(
                ds,
                postmaster,
                "Gifting.send",
                gifts,
                n -> gifting.send(GiftRequest.live(
                                IdempotencyKey.of("s-" + n), SENDER, creator(Math.floorMod(n, CREATORS)), ROSE, "live")
                        .withCount(COINS)));
    }

    private static void probe(HikariDataSource ds, long postmaster, String name, int gifts, Work work)
            throws Exception {
        probe(ds, postmaster, name, gifts, 1, work);
    }

    /** Runs {@code calls} calls of {@code work}, each sending {@code perCall} gifts, and prints the cost per gift. */
    private static void probe(HikariDataSource ds, long postmaster, String name, int calls, int perCall, Work work)
            throws Exception {
        int gifts = calls * perCall;
        for (int n = 0; n < calls; n++) {
            work.send(-1 - n); // warm-up, not counted
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            s.execute("SELECT pg_stat_statements_reset()");
            s.execute("SELECT pg_stat_reset_shared('wal')");
            s.execute("SELECT pg_stat_reset()");
        }
        long lsnBefore = lsn(ds);
        Map<String, Long> titlesBefore = new TreeMap<>();
        long serverBefore = serverCpuTicks(postmaster, titlesBefore);
        long jvmBefore = cpuTicks(Path.of("/proc/self/stat"));
        Map<String, Long> threadsBefore = threadTicks();
        long start = System.nanoTime();
        for (int n = 0; n < calls; n++) {
            work.send(n);
        }
        long wall = System.nanoTime() - start;
        long jvm = cpuTicks(Path.of("/proc/self/stat")) - jvmBefore;
        Map<String, Long> threads = threadTicks();
        Map<String, Long> titles = new TreeMap<>();
        long server = serverCpuTicks(postmaster, titles) - serverBefore;
        long walBytes = lsn(ds) - lsnBefore;
        Thread.sleep(1500); // backends report their WAL statistics at most once a second
        System.out.printf(
                Locale.ROOT,
                "%n== %s: %d gifts, one sender%n  wall %.1f us/gift, JVM CPU %.1f us/gift, server CPU %.1f us/gift%n",
                name,
                gifts,
                wall / 1e3 / gifts,
                jvm * 1e4 / gifts,
                server * 1e4 / gifts);
        System.out.print("  server CPU by process, us/gift:");
        titles.forEach((title, ticks) -> {
            long spent = ticks - titlesBefore.getOrDefault(title, 0L);
            if (spent * 1e4 / gifts >= 5) {
                System.out.printf(Locale.ROOT, " [%s] %.0f", title, spent * 1e4 / gifts);
            }
        });
        System.out.println();
        System.out.print("  JVM CPU by thread, us/gift:");
        threads.forEach((thread, ticks) -> {
            long spent = ticks - threadsBefore.getOrDefault(thread, 0L);
            if (spent * 1e4 / gifts >= 5) {
                System.out.printf(Locale.ROOT, " %s %.0f", thread, spent * 1e4 / gifts);
            }
        });
        System.out.println();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
                rs.next();
                System.out.printf(
                        Locale.ROOT,
                        "  WAL per gift: %.0f bytes (LSN), %.1f records, %.2f full-page images, %.0f bytes%n",
                        walBytes / (double) gifts,
                        rs.getLong(1) / (double) gifts,
                        rs.getLong(2) / (double) gifts,
                        rs.getLong(3) / (double) gifts);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(calls), SUM(plans), SUM(total_plan_time), "
                    + "SUM(total_exec_time) FROM pg_stat_statements")) {
                rs.next();
                System.out.printf(
                        Locale.ROOT,
                        "  all statements: %d texts, %.2f calls/gift, %.2f plans/gift, plan %.1f us/gift, exec %.1f us/gift%n",
                        rs.getLong(1),
                        rs.getLong(2) / (double) gifts,
                        rs.getLong(3) / (double) gifts,
                        rs.getDouble(4) * 1e3 / gifts,
                        rs.getDouble(5) * 1e3 / gifts);
            }
            try (ResultSet rs = s.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del "
                    + "FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname")) {
                System.out.print("  rows per gift (inserted/updated/HOT/deleted):");
                while (rs.next()) {
                    System.out.printf(
                            Locale.ROOT,
                            " %s %.1f/%.1f/%.1f/%.1f",
                            rs.getString(1),
                            rs.getLong(2) / (double) gifts,
                            rs.getLong(3) / (double) gifts,
                            rs.getLong(4) / (double) gifts,
                            rs.getLong(5) / (double) gifts);
                }
                System.out.println();
            }
            try (ResultSet rs = s.executeQuery("SELECT calls, plans, total_plan_time, total_exec_time, rows, "
                    + "wal_bytes, wal_fpi, shared_blks_hit + shared_blks_read + shared_blks_dirtied, query "
                    + "FROM pg_stat_statements WHERE total_exec_time > 0.02 * (SELECT SUM(total_exec_time) "
                    + "FROM pg_stat_statements) ORDER BY total_exec_time DESC LIMIT 12")) {
                System.out.println(
                        "  per call: calls/gift plans/call plan_us exec_us rows WAL_B FPI blocks  statement");
                while (rs.next()) {
                    long executed = rs.getLong(1);
                    String query = rs.getString(9).replaceAll("\\s+", " ");
                    System.out.printf(
                            Locale.ROOT,
                            "  %5.2f %5.2f %7.1f %7.1f %5.1f %6.0f %5.2f %5.1f  %s%n",
                            executed / (double) gifts,
                            rs.getLong(2) / (double) executed,
                            rs.getDouble(3) * 1e3 / executed,
                            rs.getDouble(4) * 1e3 / executed,
                            rs.getLong(5) / (double) executed,
                            rs.getDouble(6) / executed,
                            rs.getLong(7) / (double) executed,
                            rs.getLong(8) / (double) executed,
                            query.length() > 150 ? query.substring(0, 150) + "…" : query);
                }
            }
        }
    }

    /** CPU time (clock ticks) of this JVM's threads so far, summed by thread name. */
    private static Map<String, Long> threadTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    ticks.merge(name, cpuTicks(t.resolve("stat")), Long::sum);
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return ticks;
    }

    /** The current WAL position, in bytes. */
    private static long lsn(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** CPU time (clock ticks, 1/100 s) of the postmaster and its children so far. */
    private static long serverCpuTicks(long postmaster) throws IOException {
        return serverCpuTicks(postmaster, new TreeMap<>());
    }

    /** As {@link #serverCpuTicks(long)}, also summed by process title (backend, walwriter, autovacuum...). */
    private static long serverCpuTicks(long postmaster, Map<String, Long> byTitle) throws IOException {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // Fields after the command name, which is in parentheses: state ppid ... utime(14) stime(15).
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(name);
                if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    ticks += t;
                    String title;
                    try {
                        title = Files.readString(p.resolve("cmdline"))
                                .replace('\0', ' ')
                                .trim();
                    } catch (IOException gone) {
                        title = "?";
                    }
                    title = title.startsWith("postgres: ") ? title.substring(10) : "postmaster";
                    title = title.replaceAll("[0-9.:()\\[\\]]+", "")
                            .replaceAll("\\s+", " ")
                            .trim();
                    byTitle.merge(title.length() > 40 ? title.substring(0, 40) : title, t, Long::sum);
                }
            }
        }
        return ticks;
    }

    /** CPU time (clock ticks, 1/100 s) of one process so far. */
    private static long cpuTicks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static UserId creator(int i) {
        return UserId.of("creator-" + i);
    }

    private static UserId sender(int thread) {
        return UserId.of("sender-" + thread);
    }

    private static TransactionRequest gift(String key, int thread, int creator) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "gift")
                .debit(AccountId.userCoins(sender(thread)), COINS)
                .credit(AccountId.system(AccountType.COINS_CONSUMED), COINS)
                .debit(AccountId.system(AccountType.PARTS_ISSUED), COINS / 2)
                .credit(AccountId.creatorHold(creator(creator), "p1"), COINS / 2)
                .debit(lot(thread), COINS)
                .credit(link(thread, creator), COINS)
                .attribute("gift", "rose")
                .build();
    }

    private static AccountId lot(int thread) {
        return AccountId.member(
                AccountType.LOT_PAID,
                sender(thread),
                String.format(Locale.ROOT, "%013d.%024x", thread + 1, thread + 1));
    }

    private static AccountId link(int thread, int creator) {
        return AccountId.member(
                AccountType.LOT_GIFTED, creator(creator), String.format(Locale.ROOT, "%024x", thread + 1) + ".p1");
    }

    private static void rawGift(HikariDataSource ds, int creator) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement debit = c.prepareStatement(
                            "UPDATE bench_wallet SET balance = balance - ? WHERE user_id = ? AND balance >= ?");
                    PreparedStatement credit =
                            c.prepareStatement("UPDATE bench_creator SET diamonds = diamonds + ? WHERE user_id = ?");
                    PreparedStatement entry =
                            c.prepareStatement("INSERT INTO bench_gift (sender, creator, coins) VALUES (?, ?, ?)")) {
                debit.setLong(1, COINS);
                debit.setString(2, SENDER.value());
                debit.setLong(3, COINS);
                if (debit.executeUpdate() != 1) {
                    throw new IllegalStateException("insufficient coins");
                }
                credit.setLong(1, COINS / 2);
                credit.setString(2, creator(creator).value());
                credit.executeUpdate();
                entry.setString(1, SENDER.value());
                entry.setString(2, creator(creator).value());
                entry.setLong(3, COINS);
                entry.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
