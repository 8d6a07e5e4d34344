package dev.coinage.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The quick mode: every in-memory benchmark next to its same-run baseline, briefly (one fork, 1 × 1.5 s warm-up,
 * 1 × 0.7 s measured, in operations per second), printing one JSON line per benchmark:
 * {@code {"name":…,"ops_per_s":…,"baseline_ops_per_s":…,"ratio":…}}. Takes about 50 s on an idle machine; the figures are a
 * smoke reading, the full runs in {@code docs/benchmarks.md} are the measurement.
 *
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.coinage.bench.QuickBench}; arguments
 * (optional): a regular expression that chooses benchmarks by name, {@code -w <seconds>} and {@code -r <seconds>}.
 */
public final class QuickBench {
    /**
     * A line of the output: a benchmark and the baseline it is compared with, both as JMH labels (class simple name and
     * method), under a name.
     */
    record Pair(String name, String benchmark, String baseline) {
        Pair(String benchmark, String baseline) {
            this(benchmark, benchmark, baseline);
        }
    }

    /** The lines, in output order. */
    static final List<Pair> PAIRS = List.of(
            new Pair("SendGiftBenchmark.sendGift", "SendGiftBenchmark.bareHashMapBaseline"),
            new Pair("SendGiftBenchmark.sendGiftWithAllowances", "SendGiftBenchmark.bareHashMapBaseline"),
            // What day, week and month limits cost a gift: ≥ 0.67 means at most 1.5 times the gift without them.
            new Pair(
                    "SendGiftBenchmark.sendGiftWithAllowances/sendGift",
                    "SendGiftBenchmark.sendGiftWithAllowances",
                    "SendGiftBenchmark.sendGift"),
            new Pair("SendGiftBenchmark.giftTransactionOnly", "SendGiftBenchmark.bareHashMapBaseline"),
            new Pair("LedgerTransferBenchmark.transferThroughStore", "LedgerTransferBenchmark.bareHashMapBaseline"),
            new Pair("ConcurrentGiftBenchmark.oneCreator", "ConcurrentGiftBenchmark.differentCreators"),
            new Pair("OperationsBenchmark.rechargeCredit", "OperationsBenchmark.rechargeCreditBaseline"),
            new Pair("OperationsBenchmark.refund", "OperationsBenchmark.refundBaseline"),
            new Pair("OperationsBenchmark.holdRelease", "OperationsBenchmark.holdReleaseBaseline"),
            new Pair("OperationsBenchmark.cashOut", "OperationsBenchmark.cashOutBaseline"));

    private QuickBench() {}

    /**
     * Runs the quick mode.
     *
     * @param args optional: a name filter, {@code -w <s>}, {@code -r <s>}
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        String filter = ".*";
        double warm = 1.5;
        double run = 0.7;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-w")) {
                warm = Double.parseDouble(args[++i]);
            } else if (args[i].equals("-r")) {
                run = Double.parseDouble(args[++i]);
            } else if (!args[i].isBlank()) {
                filter = args[i];
            }
        }
        List<String> wanted = new ArrayList<>();
        for (Pair p : PAIRS) {
            if (p.name().matches(".*" + filter + ".*")) {
                if (!wanted.contains(p.benchmark())) {
                    wanted.add(p.benchmark());
                }
                if (!wanted.contains(p.baseline())) {
                    wanted.add(p.baseline());
                }
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds((long) (warm * 1000)))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds((long) (run * 1000)))
                .verbosity(VerboseMode.SILENT);
        for (String label : wanted) {
            options.include("dev\\.coinage\\.bench\\." + label.replace(".", "\\.") + "$");
        }
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            String name = r.getParams().getBenchmark();
            String label = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            score.put(label, r.getPrimaryResult().getScore());
        }
        for (Pair p : PAIRS) {
            String name = p.name();
            Double ops = score.get(p.benchmark());
            Double base = score.get(p.baseline());
            if (ops != null && base != null) {
                System.out.println(String.format(
                        Locale.ROOT,
                        "{\"name\":\"%s\",\"ops_per_s\":%.0f,\"baseline_ops_per_s\":%.0f,\"ratio\":%.3f}",
                        name,
                        ops,
                        base,
                        ops / base));
            }
        }
    }
}
