package dev.coinage.bench;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.Gifting;
import dev.coinage.json.EconomyJson;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.store.TestFunds;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two threads sending Roses through one {@link Gifting} on one in-memory store, each from its own viewer: all to one
 * creator ({@code oneCreator}) or each thread to its own creator ({@code differentCreators}, the baseline). The ratio
 * tells what a popular creator costs the senders. The store is fresh per iteration; each thread funds its viewer on its
 * first gift of the iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ConcurrentGiftBenchmark {
    static final Instant NOW = Instant.parse("2025-11-25T09:00:00Z");
    static final MemberProfile ADULT =
            new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, true);

    /** The store and the use case, shared by the threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        final AtomicInteger threads = new AtomicInteger();
        volatile InMemoryLedgerStore store;
        volatile Gifting gifting;
        volatile int generation;

        @Setup(Level.Iteration)
        public void start() throws IOException {
            InMemoryLedgerStore s = InMemoryLedgerStore.create(Clock.fixed(NOW, ZoneOffset.UTC));
            gifting = Gifting.builder(
                            EconomyJson.read(Path.of("examples", "economy.json"))
                                    .withSpendingLimits(List.of()),
                            s)
                    .members(u -> Optional.of(ADULT))
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .build();
            store = s;
            generation++;
        }
    }

    /** One sender per thread. */
    @State(Scope.Thread)
    public static class Sender {
        int index = -1;
        UserId viewer;
        UserId ownCreator;
        int funded = -1;
        long n;

        void ready(Shared shared) {
            if (index < 0) {
                index = shared.threads.getAndIncrement();
                viewer = UserId.of("viewer-" + index);
                ownCreator = UserId.of("creator-" + index);
            }
            if (funded != shared.generation) {
                TestFunds.fund(shared.store, viewer, Long.MAX_VALUE / 4, 1);
                funded = shared.generation;
            }
        }
    }

    private static final UserId STAR = UserId.of("star");

    @Benchmark
    public GiftReceipt oneCreator(Shared shared, Sender s) {
        s.ready(shared);
        return shared.gifting.send(new GiftRequest(
                IdempotencyKey.of(s.index + "-" + s.n++), s.viewer, STAR, GiftId.of("rose"), 1, GiftContext.LIVE, "l"));
    }

    @Benchmark
    public GiftReceipt differentCreators(Shared shared, Sender s) {
        s.ready(shared);
        return shared.gifting.send(new GiftRequest(
                IdempotencyKey.of(s.index + "-" + s.n++),
                s.viewer,
                s.ownCreator,
                GiftId.of("rose"),
                1,
                GiftContext.LIVE,
                "l"));
    }
}
