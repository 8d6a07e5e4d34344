package dev.coinage.bench;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.Payout;
import dev.coinage.earnings.ReleaseSummary;
import dev.coinage.gift.GiftRequest;
import dev.coinage.json.EconomyJson;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.recharge.RefundResult;
import dev.coinage.spi.Members;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePayoutGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import javax.money.Monetary;
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
 * The money movements other than gifts, each through the front door ({@link Coinage}) on the in-memory store and each
 * next to a bare baseline that does the least the same movement must do with {@code HashMap}s and {@code long}s:
 *
 * <ul>
 *   <li>{@code rechargeCredit}: a paid recharge credited (quote made once; key claimed, payment port called, lot and
 *       wallet credited); baseline: key check, wallet credit, lot recorded.
 *   <li>{@code refund}: a full refund of a purchase credited just before (not timed); baseline: look up the lot,
 *       debit the wallet, mark the lot refunded.
 *   <li>{@code holdRelease}: {@code releaseDueHolds} with one creator's hold due (one gift sent a week earlier, not
 *       timed); baseline: move the held parts to whole diamonds and the remainder in two maps.
 *   <li>{@code cashOut}: a cash-out quote and request by a creator whose diamonds were minted just before (not timed);
 *       baseline: key check, debit available diamonds, credit reserved ones.
 * </ul>
 *
 * <p>The untimed preparation of each operation runs in a {@code Level.Invocation} set-up for the benchmark and for its
 * baseline alike, so both pay the same timing overhead. Stores keep everything, so each iteration starts afresh.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class OperationsBenchmark {
    static final Instant NOW = Instant.parse("2025-11-25T09:00:00Z");
    static final Region US = Region.of("US");
    static final UserId VIEWER = UserId.of("viewer");
    static final MemberProfile ADULT = new MemberProfile(LocalDate.of(1990, 1, 1), US, Standing.GOOD, true);

    /** The example economy, read once. */
    @State(Scope.Benchmark)
    public static class Economy {
        EconomyDefinition definition;

        @Setup(Level.Trial)
        public void load() throws IOException {
            definition = EconomyJson.read(Path.of("examples", "economy.json")).withSpendingLimits(List.of());
        }
    }

    /** A fresh economy per iteration: a store, the front door now and a week later. */
    @State(Scope.Thread)
    public static class World {
        InMemoryLedgerStore store;
        Coinage now;
        Coinage weekLater;
        RechargeQuote quote;
        long n;

        @Setup(Level.Iteration)
        public void start(Economy economy) {
            store = InMemoryLedgerStore.create(Clock.fixed(NOW, ZoneOffset.UTC));
            Members members = new Members() {
                @Override
                public Optional<MemberProfile> find(UserId user) {
                    return Optional.of(ADULT);
                }

                @Override
                public Optional<PayoutProfile> payoutProfile(UserId creator) {
                    return Optional.of(PayoutProfile.verified(Monetary.getCurrency("USD")));
                }
            };
            now = Coinage.builder()
                    .definition(economy.definition)
                    .store(store)
                    .members(members)
                    .payments(p -> PaymentResult.succeeded("psp-" + p.key().value()))
                    .payouts(new FakePayoutGateway())
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .build();
            weekLater = now.toBuilder()
                    .clock(Clock.fixed(NOW.plus(Duration.ofDays(8)), ZoneOffset.UTC))
                    .build();
            quote = now.quotes()
                    .quotePackage(VIEWER, ChannelId.of("web"), PackageId.of("web-70"), Monetary.getCurrency("USD"), US);
            n = 0;
        }
    }

    /** Bare maps for the baselines, fresh per iteration. */
    @State(Scope.Thread)
    public static class Bare {
        Set<String> keys;
        Map<String, Long> balances;
        Map<String, Long> lots;
        long n;

        @Setup(Level.Iteration)
        public void start() {
            keys = new HashSet<>();
            balances = new HashMap<>();
            lots = new HashMap<>();
            n = 0;
        }
    }

    // ------------------------------------------------------------------------------------------------- recharge

    @Benchmark
    public RechargeReceipt rechargeCredit(World w) {
        return w.now.recharges().charge(w.quote, IdempotencyKey.of("order-" + w.n++));
    }

    @Benchmark
    public long rechargeCreditBaseline(Bare b) {
        String key = "order-" + b.n++;
        if (!b.keys.add(key)) {
            throw new IllegalStateException("duplicate " + key);
        }
        b.lots.put(key, 70L);
        return b.balances.merge("viewer", 70L, Long::sum);
    }

    // ------------------------------------------------------------------------------------------------- refund

    /** One purchase credited before each refund. */
    @State(Scope.Thread)
    public static class Purchase extends World {
        String purchase;

        @Setup(Level.Invocation)
        public void buy() {
            World w = this;
            purchase = w.now.recharges()
                    .charge(w.quote, IdempotencyKey.of("order-" + w.n++))
                    .purchase();
        }
    }

    @Benchmark
    public RefundResult refund(Purchase p) {
        return p.now.recharges().refund(RefundRequest.full("refund-" + p.purchase, p.purchase, RefundKind.REFUND));
    }

    /** One purchase recorded before each bare refund. */
    @State(Scope.Thread)
    public static class BarePurchase extends Bare {
        String purchase;

        @Setup(Level.Invocation)
        public void buy() {
            Bare b = this;
            purchase = "order-" + b.n++;
            b.keys.add(purchase);
            b.lots.put(purchase, 70L);
            b.balances.merge("viewer", 70L, Long::sum);
        }
    }

    @Benchmark
    public long refundBaseline(BarePurchase p) {
        Bare b = p;
        String key = "refund-" + p.purchase;
        if (!b.keys.add(key)) {
            throw new IllegalStateException("duplicate " + key);
        }
        long coins = b.lots.put(p.purchase, 0L);
        return b.balances.merge("viewer", -coins, Long::sum);
    }

    // ------------------------------------------------------------------------------------------------- hold release

    /** One gift to a new creator a week before each release, so exactly one hold is due. */
    @State(Scope.Thread)
    public static class DueHold extends World {
        @Setup(Level.Invocation)
        public void gift() {
            World w = this;
            long i = w.n++;
            w.now.recharges().charge(w.quote, IdempotencyKey.of("order-" + i));
            w.now.gifts()
                    .send(new GiftRequest(
                            IdempotencyKey.of("gift-" + i),
                            VIEWER,
                            UserId.of("creator-" + i),
                            GiftId.of("rose"),
                            2,
                            GiftContext.LIVE,
                            "live-1"));
        }
    }

    @Benchmark
    public ReleaseSummary holdRelease(DueHold w) {
        return w.weekLater.holds().releaseDueHolds();
    }

    /** One creator's held parts recorded before each bare release. */
    @State(Scope.Thread)
    public static class BareHold extends Bare {
        String creator;

        @Setup(Level.Invocation)
        public void gift() {
            Bare b = this;
            creator = "creator-" + b.n++;
            b.lots.put(creator, 2L);
        }
    }

    @Benchmark
    public long holdReleaseBaseline(BareHold h) {
        Bare b = h;
        long parts = b.lots.remove(h.creator);
        b.balances.merge(h.creator + ":rest", parts % 2, Long::sum);
        return b.balances.merge(h.creator, parts / 2, Long::sum);
    }

    // ------------------------------------------------------------------------------------------------- cash-out

    /** A new creator with 10,000 minted diamonds before each cash-out (caps are per creator). */
    @State(Scope.Thread)
    public static class Earner extends World {
        UserId creator;

        @Setup(Level.Invocation)
        public void mint() {
            World w = this;
            creator = UserId.of("creator-" + w.n++);
            AccountId diamonds = AccountId.creatorDiamonds(creator);
            w.store.open(diamonds);
            w.store.apply(TransactionRequest.builder(IdempotencyKey.of("mint-" + creator.value()), "hold-release")
                    .debit(AccountId.system(AccountType.DIAMONDS_ISSUED), 10_000)
                    .credit(diamonds, 10_000)
                    .build());
        }
    }

    @Benchmark
    public Payout cashOut(Earner e) {
        return e.now.cashOuts()
                .request(e.now.cashOuts().quote(e.creator, 10_000), IdempotencyKey.of("cash-" + e.creator.value()));
    }

    /** A creator's diamonds recorded before each bare cash-out. */
    @State(Scope.Thread)
    public static class BareEarner extends Bare {
        String creator;

        @Setup(Level.Invocation)
        public void mint() {
            Bare b = this;
            creator = "creator-" + b.n++;
            b.balances.put(creator, 10_000L);
        }
    }

    @Benchmark
    public long cashOutBaseline(BareEarner e) {
        Bare b = e;
        String key = "cash-" + e.creator;
        if (!b.keys.add(key)) {
            throw new IllegalStateException("duplicate " + key);
        }
        long available = b.balances.get(e.creator);
        if (available < 10_000) {
            throw new IllegalStateException("insufficient");
        }
        b.balances.put(e.creator, available - 10_000);
        return b.lots.merge(e.creator, 10_000L, Long::sum);
    }
}
