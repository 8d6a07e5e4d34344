package dev.coinage.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coinage.json.EconomyJson;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import dev.coinage.store.jdbc.PostgresSchema;
import dev.coinage.store.memory.InMemoryLedgerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.logging.LogManager;
import java.util.stream.Collectors;
import javax.money.MonetaryAmount;
import javax.money.format.AmountFormatQueryBuilder;
import javax.money.format.MonetaryAmountFormat;
import javax.money.format.MonetaryFormats;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.javamoney.moneta.format.CurrencyStyle;

/**
 * The demo: a simulated day of a live-streaming app on the example economy, with a terminal summary and an HTML report
 * with charts ({@link LiveStreamDay} runs the day, {@link DemoReport} writes the report). Run it from the project's
 * folder with {@code ./mvnw -q test-compile exec:java}, and pass options with
 * {@code -Dexec.args="--viewers 5000 --seed 7"}:
 *
 * <pre>
 * --viewers N        viewers (default 1000)
 * --creators N       creators streaming (default 20)
 * --hours N          hours simulated, 1 to 24 (default 24)
 * --seed N           seed of every random choice (default 42): the same seed gives the same figures
 * --economy FILE     the economy definition (default examples/economy.json)
 * --compare FILE     replays the same day under a second definition and shows both side by side
 * --out FOLDER       where report.html goes (default target/demo)
 * --store memory|postgres   the ledger: in memory (default) or an embedded PostgreSQL the demo starts
 * </pre>
 */
public final class Demo {
    private static final Locale LOCALE = Locale.US;

    private Demo() {}

    /**
     * What to run.
     *
     * @param settings the day's size and seed, not null
     * @param economy the economy definition, not null
     * @param compare a second definition to replay the day under, or empty
     * @param out the report's folder, not null
     * @param postgres true for an embedded PostgreSQL store, false for the in-memory store
     */
    public record Options(
            LiveStreamDay.Settings settings, Path economy, Optional<Path> compare, Path out, boolean postgres) {
        /**
         * Reads command-line options.
         *
         * @param args the options, not null
         * @return the options, never null
         * @throws IllegalArgumentException if an option is unknown or its value is missing or invalid
         */
        public static Options parse(String... args) {
            LiveStreamDay.Settings d = LiveStreamDay.Settings.defaults();
            int viewers = d.viewers(), creators = d.creators(), hours = d.hours();
            long seed = d.seed();
            Path economy = Path.of("examples", "economy.json");
            Path compare = null;
            Path out = Path.of("target", "demo");
            boolean postgres = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--viewers" -> viewers = Integer.parseInt(value);
                    case "--creators" -> creators = Integer.parseInt(value);
                    case "--hours" -> hours = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--economy" -> economy = Path.of(value);
                    case "--compare" -> compare = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--store" -> {
                        if (!value.equals("memory") && !value.equals("postgres")) {
                            throw new IllegalArgumentException("--store is memory or postgres: " + value);
                        }
                        postgres = value.equals("postgres");
                    }
                    default ->
                        throw new IllegalArgumentException("unknown option " + option
                                + " (options: --viewers --creators --hours --seed --economy --compare --out --store)");
                }
            }
            return new Options(
                    new LiveStreamDay.Settings(viewers, creators, hours, seed),
                    economy,
                    Optional.ofNullable(compare),
                    out,
                    postgres);
        }
    }

    /**
     * Runs the demo.
     *
     * @param args the options (see the class comment)
     */
    public static void main(String[] args) {
        quietLogging();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Result result = run(options, System.out, true);
        System.out.printf(
                LOCALE, "%nReport: %s (ran in %.1f s)%n", result.report(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * The demo's own logging settings ({@code demo-logging.properties}): Moneta announces its math context at INFO
     * through java.util.logging when the first amount is made, which says nothing to a demo's reader. Merged into the
     * JVM's logging configuration, so it holds for loggers made later too.
     */
    static void quietLogging() {
        try (InputStream in = Demo.class.getResourceAsStream("demo-logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().updateConfiguration(in, key -> (old, fresh) -> fresh == null ? old : fresh);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The embedded PostgreSQL logs its start-up through SLF4J; the simple binding of the demo's class path reads
        // its level from this property.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /**
     * What a run produced.
     *
     * @param day the day on the economy
     * @param compared the same day on the compared economy, or empty
     * @param summary the terminal summary's lines
     * @param report the HTML report written
     */
    public record Result(DayFigures day, Optional<DayFigures> compared, List<String> summary, Path report) {}

    /**
     * Runs the demo: the day, the comparison if asked, the summary on {@code out}, the report.
     *
     * @param options what to run, not null
     * @param out where the summary goes, not null
     * @param progress true to draw a progress bar on standard error
     * @return what the run produced, never null
     */
    public static Result run(Options options, PrintStream out, boolean progress) {
        try (Stores stores = options.postgres() ? new PostgresStores() : clock -> InMemoryLedgerStore.create(clock)) {
            DayFigures day = simulate(options.economy(), options.settings(), stores, progress);
            Optional<DayFigures> compared =
                    options.compare().map(other -> simulate(other, options.settings(), stores, progress));
            List<String> summary = summary(day, compared, options.postgres() ? "PostgreSQL" : "memory");
            summary.forEach(out::println);
            Path report = DemoReport.write(options.out(), day, compared);
            return new Result(day, compared, summary, report);
        }
    }

    private static DayFigures simulate(
            Path economy, LiveStreamDay.Settings settings, Stores stores, boolean showProgress) {
        EconomyDefinition definition;
        try {
            definition = EconomyJson.read(economy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = economy.getFileName().toString();
        if (!showProgress) {
            return LiveStreamDay.run(name, definition, stores::create, settings, n -> {});
        }
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(settings.steps())
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build()) {
            IntConsumer step = bar::stepBy;
            return LiveStreamDay.run(name, definition, stores::create, settings, step);
        }
    }

    /** Formats an amount for people: {@code $1,234.50}, rounded to the currency's minor unit. */
    static String money(MonetaryAmount amount) {
        return MoneyFormat.US.format(amount.with(javax.money.Monetary.getDefaultRounding()));
    }

    /** JSR-354's format for the demo's locale, made on first use (after {@link #quietLogging()}). */
    private static final class MoneyFormat {
        static final MonetaryAmountFormat US = MonetaryFormats.getAmountFormat(
                AmountFormatQueryBuilder.of(LOCALE).set(CurrencyStyle.SYMBOL).build());
    }

    static String count(long n) {
        return String.format(LOCALE, "%,d", n);
    }

    /**
     * The terminal summary of a day, and of the compared day if any. It has no timings: the same settings and seed
     * give the same lines.
     *
     * @param day the day, not null
     * @param compared the compared day, or empty
     * @param store the store's name, for the heading
     * @return the lines, never null
     */
    public static List<String> summary(DayFigures day, Optional<DayFigures> compared, String store) {
        List<String> lines = new ArrayList<>();
        LiveStreamDay.Settings s = day.settings();
        lines.add("A live-streaming day on " + day.economy() + ": " + count(s.viewers()) + " viewers, "
                + count(s.creators()) + " creators, " + s.hours() + " hours, seed " + s.seed() + ", " + store
                + " store");
        lines.add("  coins sold       "
                + day.coinsSoldByChannel().entrySet().stream()
                        .map(e -> e.getKey() + " " + count(e.getValue()) + " ("
                                + money(day.salesByChannel().get(e.getKey())) + ")")
                        .collect(Collectors.joining(", ")));
        lines.add("  purchases        " + count(day.purchases()) + " credited, " + count(day.pendingPayments())
                + " web payments pending until their webhook, " + count(day.declinedPayments()) + " declined; "
                + count(day.webhooksDelivered()) + " webhook deliveries, duplicates included");
        lines.add("  gifts            " + count(day.giftsSent()) + " sent, " + count(day.combos()) + " combo streaks, "
                + count(day.replays()) + " retried taps answered without a second charge, " + count(day.refused())
                + " refused"
                + (day.refusals().isEmpty()
                        ? ""
                        : " ("
                                + day.refusals().entrySet().stream()
                                        .map(e -> count(e.getValue()) + " " + e.getKey())
                                        .collect(Collectors.joining(", "))
                                + ")"));
        lines.add("  most sent        "
                + day.giftsByType().entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(4)
                        .map(e -> e.getKey() + " " + count(e.getValue()))
                        .collect(Collectors.joining(", ")));
        lines.add("  refunds          " + count(day.refunds()) + " refunds and " + count(day.chargebacks())
                + " chargebacks: " + count(day.coinsClawedBack()) + " unspent coins taken back, "
                + count(day.coinDebt()) + " spent coins owed, " + count(day.partsReversed())
                + " diamond parts taken back from creators' holds");
        lines.add("  money            viewers paid " + money(day.viewerSpend()) + ": tax " + money(day.tax())
                + ", store fees " + money(day.storeFees()) + ", creators " + money(day.creatorEarnings())
                + ", coins not spent yet " + money(day.unspentCoins()) + ", platform " + money(day.platformTake()));
        lines.add("  top creators     "
                + day.creatorDiamonds().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(3)
                        .map(e -> e.getKey() + " " + count(e.getValue()) + " diamonds")
                        .collect(Collectors.joining(", ")));
        lines.add("  cash-outs        " + count(day.cashOutsRequested()) + " requested a week later: "
                + count(day.cashOutsPaid()) + " paid (" + money(day.cashedOut()) + " net), "
                + count(day.cashOutsFailed()) + " failed, " + count(day.cashOutsReturned()) + " returned by the bank");
        lines.add("  coin liability   " + count(day.endLiability()) + " coins held by viewers at the end of the day");
        lines.add("  invariants       " + (day.balanced() ? "the ledger balances, " : "THE LEDGER DOES NOT BALANCE, ")
                + day.unitTotals().entrySet().stream()
                        .map(e -> e.getKey().plural() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        compared.ifPresent(other -> {
            lines.add("");
            lines.add(String.format(LOCALE, "  %-18s %20s %24s", "what-if", day.economy(), other.economy()));
            lines.add(row("viewer spend", day.viewerSpend(), other.viewerSpend()));
            lines.add(row("creator earnings", day.creatorEarnings(), other.creatorEarnings()));
            lines.add(row("platform take", day.platformTake(), other.platformTake()));
            lines.add(String.format(
                    LOCALE, "  %-18s %20s %24s", "gifts sent", count(day.giftsSent()), count(other.giftsSent())));
            lines.add(String.format(
                    LOCALE,
                    "  %-18s %20s %24s",
                    "balanced",
                    day.balanced() ? "yes" : "NO",
                    other.balanced() ? "yes" : "NO"));
        });
        return lines;
    }

    private static String row(String label, MonetaryAmount a, MonetaryAmount b) {
        return String.format(LOCALE, "  %-18s %20s %24s", label, money(a), money(b));
    }

    /** Makes a fresh, empty store for each simulated day. */
    @FunctionalInterface
    private interface Stores extends AutoCloseable {
        LedgerStore create(java.time.Clock clock);

        @Override
        default void close() {}
    }

    /** An embedded PostgreSQL started for the demo, one fresh database per simulated day. */
    private static final class PostgresStores implements Stores {
        private final EmbeddedPostgres server;
        private final List<HikariDataSource> pools = new ArrayList<>();

        PostgresStores() {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public LedgerStore create(java.time.Clock clock) {
            String name = "coinage_demo_" + (pools.size() + 1);
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the demo's database", e);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.getJdbcUrl("postgres", name));
            config.setMaximumPoolSize(4);
            config.setPoolName(name);
            HikariDataSource pool = new HikariDataSource(config);
            pools.add(pool);
            PostgresSchema.migrate(pool);
            return PostgresLedgerStore.create(pool, clock);
        }

        @Override
        public void close() {
            pools.forEach(HikariDataSource::close);
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
