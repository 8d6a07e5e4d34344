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
 * The quick mode: every in-memory benchmark next to its same-run baseline, briefly (one fork, 1 × 0.7 s warm-up,
 * 1 × 0.5 s measured, in operations per second), printing one JSON line per benchmark:
 * {@code {"name":…,"ops_per_s":…,"baseline_ops_per_s":…,"ratio":…}}. Takes well under a minute; the figures are a
 * smoke reading, the full runs in {@code docs/benchmarks.md} are the measurement.
 *
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.coinage.bench.QuickBench}; arguments
 * (optional): a regular expression that chooses benchmarks by name, {@code -w <seconds>} and {@code -r <seconds>}.
 */
public final class QuickBench {
    /** Benchmark → its baseline, both as JMH labels (class simple name and method). */
    static final Map<String, String> PAIRS = new LinkedHashMap<>();

    static {
        PAIRS.put("SendGiftBenchmark.sendGift", "SendGiftBenchmark.bareHashMapBaseline");
        PAIRS.put("SendGiftBenchmark.sendGiftWithAllowances", "SendGiftBenchmark.bareHashMapBaseline");
        PAIRS.put("SendGiftBenchmark.giftTransactionOnly", "SendGiftBenchmark.bareHashMapBaseline");
        PAIRS.put("LedgerTransferBenchmark.transferThroughStore", "LedgerTransferBenchmark.bareHashMapBaseline");
        PAIRS.put("ConcurrentGiftBenchmark.oneCreator", "ConcurrentGiftBenchmark.differentCreators");
        PAIRS.put("OperationsBenchmark.rechargeCredit", "OperationsBenchmark.rechargeCreditBaseline");
        PAIRS.put("OperationsBenchmark.refund", "OperationsBenchmark.refundBaseline");
        PAIRS.put("OperationsBenchmark.holdRelease", "OperationsBenchmark.holdReleaseBaseline");
        PAIRS.put("OperationsBenchmark.cashOut", "OperationsBenchmark.cashOutBaseline");
    }

    private QuickBench() {}

    /**
     * Runs the quick mode.
     *
     * @param args optional: a name filter, {@code -w <s>}, {@code -r <s>}
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        String filter = ".*";
        double warm = 0.7;
        double run = 0.5;
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
        for (Map.Entry<String, String> p : PAIRS.entrySet()) {
            if (p.getKey().matches(".*" + filter + ".*")) {
                if (!wanted.contains(p.getKey())) {
                    wanted.add(p.getKey());
                }
                if (!wanted.contains(p.getValue())) {
                    wanted.add(p.getValue());
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
        for (String name : PAIRS.keySet()) {
            Double ops = score.get(name);
            Double base = score.get(PAIRS.get(name));
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
