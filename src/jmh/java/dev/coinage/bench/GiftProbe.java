package dev.coinage.bench;

import java.lang.reflect.Method;
import java.util.Locale;

/**
 * A retained-size and allocation probe for one thread's gifts through {@code Gifting.send}, on the set-up of
 * {@link SendGiftBenchmark}: bytes allocated per gift (the thread's allocation counter) and bytes still reachable per
 * gift after a full collection. Not a timing: run it next to the benchmark to see where memory goes.
 *
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.coinage.bench.GiftProbe
 * -Dbench.args="[gifts] [allowances]"}.
 */
public final class GiftProbe {
    private GiftProbe() {}

    /**
     * Runs the probe.
     *
     * @param args optional: the number of gifts (default 200,000) and {@code allowances} to send with limits
     * @throws Exception if the economy cannot be read
     */
    public static void main(String[] args) throws Exception {
        int gifts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        boolean limits = args.length > 1 && args[1].equals("allowances");
        SendGiftBenchmark b = new SendGiftBenchmark();
        b.load();
        b.setUp();
        // Warm up on a store that is then dropped.
        for (int i = 0; i < 50_000; i++) {
            send(b, limits);
        }
        b.setUp();
        send(b, limits);
        // The thread's allocation counter, by reflection: the benchmarks compile as part of the module, which does not
        // read java.management.
        Object threads = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean")
                .invoke(null);
        Method allocatedBytes =
                Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        long id = Thread.currentThread().getId();
        long before = used();
        long allocated = (Long) allocatedBytes.invoke(threads, id);
        for (int i = 0; i < gifts; i++) {
            send(b, limits);
        }
        long allocatedPerGift = ((Long) allocatedBytes.invoke(threads, id) - allocated) / gifts;
        long retainedPerGift = (used() - before) / gifts;
        System.out.println(String.format(
                Locale.ROOT,
                "{\"name\":\"GiftProbe.%s\",\"gifts\":%d,\"allocated_bytes_per_gift\":%d,"
                        + "\"retained_bytes_per_gift\":%d}",
                limits ? "sendGiftWithAllowances" : "sendGift",
                gifts,
                allocatedPerGift,
                retainedPerGift));
        System.out.println(b.n); // keeps the store reachable to here
    }

    private static void send(SendGiftBenchmark b, boolean limits) {
        if (limits) {
            b.sendGiftWithAllowances();
        } else {
            b.sendGift();
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
