package dev.coinage.bench;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.HoldPeriods;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.Gifting;
import dev.coinage.json.EconomyJson;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.store.TestFunds;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Rose sent through {@link Gifting#send} on the in-memory store (replay look-up, catalogue, eligibility from a
 * map-backed members port, overflow checks, wallet pre-read, one gift transaction: wallet, consumed, parts issued,
 * hold, the sender's lot and its link to the hold), with and without day/week/month allowances, next to the same gift transaction applied to the store directly,
 * and a bare baseline: an idempotency-key check and a debit and a credit of {@code long}s in a {@code HashMap}. All
 * build one key string per operation. Stores keep every key and entry, so each iteration starts from a fresh one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class SendGiftBenchmark {
    private static final Instant NOW = Instant.parse("2025-11-25T09:00:00Z");
    private static final UserId VIEWER = UserId.of("viewer");
    private static final UserId CREATOR = UserId.of("creator");
    private static final GiftId ROSE = GiftId.of("rose");
    private static final AccountId WALLET = AccountId.userCoins(VIEWER);
    private static final AccountId HOLD = AccountId.creatorHold(CREATOR, HoldPeriods.reference(NOW));
    // The viewer's one lot (as TestFunds names it) and its link to the creator's hold period, as Gifting writes them.
    private static final AccountId LOT =
            AccountId.member(AccountType.LOT_PAID, VIEWER, String.format(java.util.Locale.ROOT, "%013d.%024x", 1L, 1L));
    private static final AccountId LINK = AccountId.member(
            AccountType.LOT_GIFTED,
            CREATOR,
            String.format(java.util.Locale.ROOT, "%024x", 1L) + "." + HoldPeriods.reference(NOW));

    private EconomyDefinition plain;
    private EconomyDefinition limited;
    private Map<UserId, MemberProfile> members;
    private InMemoryLedgerStore store;
    private Gifting gifting;
    private Gifting giftingWithLimits;
    private Map<String, Long> balances;
    private Set<String> keys;
    long n;

    @Setup(Level.Trial)
    public void load() throws java.io.IOException {
        EconomyDefinition d = EconomyJson.read(Path.of("examples", "economy.json"));
        plain = d.withSpendingLimits(List.of());
        long huge = Long.MAX_VALUE / 8; // never reached: measures the allowance postings, not refusals
        limited = d.withSpendingLimits(List.of(
                SpendingLimit.ofCoins(LimitPeriod.DAY, huge),
                SpendingLimit.ofCoins(LimitPeriod.WEEK, huge),
                SpendingLimit.ofCoins(LimitPeriod.MONTH, huge)));
        members = new HashMap<>();
        members.put(VIEWER, new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, false));
        members.put(CREATOR, new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, true));
    }

    @Setup(Level.Iteration)
    public void setUp() {
        store = InMemoryLedgerStore.create();
        store.open(HOLD);
        store.open(LINK);
        TestFunds.fund(store, VIEWER, Long.MAX_VALUE / 2, 1);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        gifting = Gifting.builder(plain, store)
                .members(u -> Optional.ofNullable(members.get(u)))
                .clock(clock)
                .build();
        giftingWithLimits = Gifting.builder(limited, store)
                .members(u -> Optional.ofNullable(members.get(u)))
                .clock(clock)
                .build();
        balances = new HashMap<>();
        balances.put("viewer", Long.MAX_VALUE / 2);
        balances.put("creator", 0L);
        keys = new HashSet<>();
        n = 0;
    }

    @Benchmark
    public GiftReceipt sendGift() {
        return gifting.send(
                new GiftRequest(IdempotencyKey.of("t" + n++), VIEWER, CREATOR, ROSE, 1, GiftContext.LIVE, "live-1"));
    }

    @Benchmark
    public GiftReceipt sendGiftWithAllowances() {
        return giftingWithLimits.send(
                new GiftRequest(IdempotencyKey.of("t" + n++), VIEWER, CREATOR, ROSE, 1, GiftContext.LIVE, "live-1"));
    }

    @Benchmark
    public AppliedTransaction giftTransactionOnly() {
        return store.apply(TransactionRequest.builder(IdempotencyKey.of("gift:t" + n++), "gift")
                .debit(WALLET, 1)
                .credit(AccountId.system(AccountType.COINS_CONSUMED), 1)
                .debit(AccountId.system(AccountType.PARTS_ISSUED), 1)
                .credit(HOLD, 1)
                .debit(LOT, 1)
                .credit(LINK, 1)
                .build());
    }

    @Benchmark
    public long bareHashMapBaseline() {
        String key = "t" + n++;
        if (!keys.add(key)) {
            throw new IllegalStateException("duplicate " + key);
        }
        long from = balances.get("viewer");
        if (from < 1) {
            throw new IllegalStateException("insufficient");
        }
        balances.put("viewer", from - 1);
        long to = balances.get("creator") + 1;
        balances.put("creator", to);
        return to;
    }
}
