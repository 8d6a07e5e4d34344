package dev.coinage.recharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.EarningsPolicy;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.ReleasedPartsPolicy;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.LimitExceededException;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.reports.CoinLiability;
import dev.coinage.reports.FinanceReports;
import dev.coinage.reports.ReportSettings;
import dev.coinage.reports.RevenueLine;
import dev.coinage.reports.RevenueReport;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Generated interleavings of charges (succeeding, pending, failing, retried), confirmations (duplicate, late, with a
 * wrong amount, for unknown payments), declines, app-store receipts (replayed, shared), refunds and chargebacks (full,
 * partial, repeated, too large) and gifts, under each debt policy. After every step the store must agree with a plain
 * model and keep the ledger invariants: each purchase credited exactly once, each refund resolved at most once.
 */
class RechargeProperties {
    private static final String[] PACKAGES = {"web-70", "web-700", "web-17500"};
    private static final int USERS = 3;

    enum Kind {
        CHARGE,
        CONFIRM,
        DECLINE,
        RECEIPT,
        REFUND,
        REPEAT_REFUND,
        SPEND,
        CONFIRM_UNKNOWN,
        RELEASE,
        PAYOUT
    }

    /** Extra chances for the operations whose interplay the lots are about: charging, spending, refunding, releasing. */
    private static final Kind[] WEIGHTED = {Kind.CHARGE, Kind.SPEND, Kind.SPEND, Kind.REFUND, Kind.RELEASE};

    /** The operations of refunds after release: coins bought and spent, holds released, diamonds paid out, refunds. */
    private static final Kind[] AFTER_RELEASE = {
        Kind.CHARGE,
        Kind.CHARGE,
        Kind.SPEND,
        Kind.SPEND,
        Kind.SPEND,
        Kind.RELEASE,
        Kind.RELEASE,
        Kind.PAYOUT,
        Kind.REFUND,
        Kind.REFUND,
        Kind.REPEAT_REFUND
    };

    /** The economies the runs use: 3/5 in carry mode, and 3/7 in platform-residue mode. */
    private static final EconomyDefinition[] ECONOMIES = {
        ExampleEconomy.withEarnings(3, 5, ConversionMode.CARRY, Duration.ofHours(2)),
        ExampleEconomy.withEarnings(3, 7, ConversionMode.PLATFORM_RESIDUE, Duration.ofHours(2)),
        takingBack(ExampleEconomy.withEarnings(3, 5, ConversionMode.CARRY, Duration.ofHours(2))),
        takingBack(ExampleEconomy.withEarnings(3, 7, ConversionMode.PLATFORM_RESIDUE, Duration.ofHours(2)))
    };

    /** The economy with refunds taking parts already released back from creators. */
    private static EconomyDefinition takingBack(EconomyDefinition d) {
        EarningsPolicy e = d.earnings();
        return d.withEarnings(new EarningsPolicy(
                e.share(), e.mode(), e.diamondValue(), e.holdWindow(), ReleasedPartsPolicy.TAKE_FROM_AVAILABLE));
    }

    record Op(Kind kind, int a, int b, int c) {}

    /** A fresh store for one generated case; the in-memory store unless a subclass runs another. */
    protected LedgerStore newStore() {
        return InMemoryLedgerStore.create();
    }

    /** Releases what {@link #newStore} acquired. */
    protected void release(LedgerStore store) {}

    /** How many generated cases to run. */
    protected int examples() {
        return 300;
    }

    static final java.util.concurrent.ConcurrentHashMap<String, Integer> STATS =
            new java.util.concurrent.ConcurrentHashMap<>();

    @org.junit.jupiter.api.AfterAll
    static void stats() {
        System.err.println("STATS " + STATS);
    }

    @Test
    void everyInterleavingCreditsEachPurchaseOnceAndResolvesEachRefundAtMostOnce() {
        Gen<Op> ops = integers()
                .between(0, Kind.values().length - 1 + WEIGHTED.length)
                .zip(
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        (k, a, b, c) -> new Op(
                                k < Kind.values().length ? Kind.values()[k] : WEIGHTED[k - Kind.values().length],
                                a,
                                b,
                                c));
        qt().withExamples(examples())
                .forAll(
                        integers().between(0, DebtPolicy.values().length - 1),
                        integers().between(0, ECONOMIES.length * RefundOrder.values().length - 1),
                        lists().of(ops).ofSizeBetween(1, 40))
                .checkAssert((policy, setup, sequence) -> {
                    LedgerStore store = newStore();
                    try {
                        new Run(
                                        DebtPolicy.values()[policy],
                                        RefundOrder.values()[setup / ECONOMIES.length],
                                        store,
                                        ECONOMIES[setup % ECONOMIES.length])
                                .run(sequence);
                    } finally {
                        release(store);
                    }
                });
    }

    @Test
    void refundsAfterReleaseTakeEachSpentCoinOnceFromTheViewerOrTheCreator() {
        Gen<Op> ops = integers()
                .between(0, AFTER_RELEASE.length - 1)
                .zip(
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        (k, a, b, c) -> new Op(AFTER_RELEASE[k], a, b, c));
        qt().withExamples(Math.max(5, examples() / 2))
                .forAll(
                        integers().between(0, DebtPolicy.values().length - 1),
                        integers().between(0, 2 * RefundOrder.values().length - 1),
                        lists().of(ops).ofSizeBetween(5, 40))
                .checkAssert((policy, setup, sequence) -> {
                    LedgerStore store = newStore();
                    try {
                        Run run = new Run(
                                DebtPolicy.values()[policy],
                                RefundOrder.values()[setup / 2],
                                store,
                                ECONOMIES[2 + setup % 2]);
                        run.releaseHours = 8; // past the 2-hour hold window more often
                        run.run(sequence);
                    } finally {
                        release(store);
                    }
                });
    }

    private static final class Payment {
        final String ref;
        final UserId user;
        final long paid;
        final long total;
        BigDecimal amount = BigDecimal.ZERO;
        String state; // PENDING, CREDITED, DECLINED
        long unspentPaid;
        long unspentBonus;
        // Coins of this purchase spent on gifts per hold period and not claimed by a refund; in residue mode, the
        // held parts linked to them.
        final TreeMap<String, Long> gifted = new TreeMap<>();
        final Map<String, Long> linkedHeld = new TreeMap<>();

        Payment(String ref, UserId user, long paid, long total, String state) {
            this.ref = ref;
            this.user = user;
            this.paid = paid;
            this.total = total;
            this.state = state;
        }
    }

    private static final class Run {
        final DebtPolicy policy;
        final RefundOrder order;
        final RechargeFixture f;
        final List<UserId> users = new ArrayList<>();
        final UserId creator;
        final Map<String, Payment> payments = new LinkedHashMap<>();
        final List<Payment> credited = new ArrayList<>();
        final Map<String, Long> refunded = new HashMap<>();
        final Map<UserId, Long> wallet = new HashMap<>();
        final Map<UserId, Long> writtenOff = new HashMap<>();
        // Spent coins of refunded purchases that creators' holds covered: they stay spent, and the member keeps them.
        final Map<UserId, Long> coveredByCreators = new HashMap<>();
        final Map<UserId, Long> spent = new HashMap<>();
        final Set<UserId> frozen = new HashSet<>();
        final Set<AccountId> inDebt = new HashSet<>();
        final Map<String, UserId> receipts = new HashMap<>();
        final Map<UserId, Long> debt = new HashMap<>();
        final Map<String, Long> hold = new TreeMap<>();
        final EconomyDefinition economy;
        final long numerator;
        final boolean residue;
        final boolean takeBack;
        // The creator's parts: earned by gifts, taken back from holds, and taken back after release.
        long earnedParts;
        long reversedParts;
        long takenBackParts;
        long lossParts;
        long paidOutDiamonds;
        int releaseHours = 3;
        RefundRequest lastRefund;
        RefundResult lastResult;
        int keys;

        Run(DebtPolicy policy, RefundOrder order, LedgerStore store, EconomyDefinition economy) {
            this.policy = policy;
            this.order = order;
            this.economy = economy;
            this.numerator = economy.earnings().share().numerator();
            this.residue = economy.earnings().mode() == ConversionMode.PLATFORM_RESIDUE;
            this.takeBack = economy.earnings().releasedParts() == ReleasedPartsPolicy.TAKE_FROM_AVAILABLE;
            this.f = new RechargeFixture(policy, order, store, economy);
            for (int i = 0; i < USERS; i++) {
                users.add(f.member("viewer-" + i, false));
            }
            creator = f.member("creator", true);
        }

        void run(List<Op> ops) {
            for (Op op : ops) {
                // Lots are ordered by their credit time: one millisecond per step keeps that the credit order.
                f.clock.advance(Duration.ofMillis(1));
                step(op);
                check();
            }
        }

        void step(Op op) {
            UserId user = users.get(op.a % USERS);
            switch (op.kind) {
                case CHARGE:
                    charge(user, PACKAGES[op.b % PACKAGES.length], op.c % 3, op.c % 2 == 0);
                    break;
                case CONFIRM:
                    confirm(op);
                    break;
                case DECLINE:
                    decline(op);
                    break;
                case RECEIPT:
                    receipt(user, "orig-" + op.b % 4);
                    break;
                case REFUND:
                    refund(op);
                    break;
                case REPEAT_REFUND:
                    if (lastRefund != null) {
                        LedgerSnapshot before = f.store.snapshot();
                        RefundResult again = f.recharges.refund(lastRefund);
                        assertThat(again.replay()).isTrue();
                        assertThat(again.coins()).isEqualTo(lastResult.coins());
                        assertThat(again.debt()).isEqualTo(lastResult.debt());
                        assertThat(again.takenBack()).isEqualTo(lastResult.takenBack());
                        assertThat(again.partsBookedAsLoss()).isEqualTo(lastResult.partsBookedAsLoss());
                        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
                    }
                    break;
                case SPEND:
                    spend(user, op.c % 3 == 0 ? op.b % 800 + 1 : op.b % 60 + 1);
                    break;
                case RELEASE:
                    release(op.b % releaseHours);
                    break;
                case PAYOUT:
                    payOut(op.b);
                    break;
                case CONFIRM_UNKNOWN:
                    assertThatThrownBy(() -> f.recharges.confirm("nobody-" + op.a, usd("1.00")))
                            .isInstanceOf(UnknownPurchaseException.class);
                    break;
                default:
                    throw new AssertionError(op.kind);
            }
        }

        void charge(UserId user, String pkg, int outcome, boolean retry) {
            PaymentResult.Status status = PaymentResult.Status.values()[outcome];
            f.gateway.then(status);
            IdempotencyKey key = IdempotencyKey.of("k" + keys++);
            var quote = f.web(user, pkg);
            long total = quote.totalCoins();
            if (status == PaymentResult.Status.FAILED) {
                assertThatThrownBy(() -> f.recharges.charge(quote, key)).isInstanceOf(PaymentFailedException.class);
                return;
            }
            RechargeReceipt r = f.recharges.charge(quote, key);
            Payment p = new Payment(r.purchase(), user, quote.paidCoins(), total, "PENDING");
            p.amount = quote.gross().getNumber().numberValue(BigDecimal.class);
            payments.put(p.ref, p);
            if (status == PaymentResult.Status.SUCCEEDED) {
                assertThat(r.status()).isEqualTo(RechargeReceipt.Status.CREDITED);
                credit(p);
            } else {
                assertThat(r.status()).isEqualTo(RechargeReceipt.Status.PENDING);
            }
            if (retry) {
                RechargeReceipt again = f.recharges.charge(quote, key);
                assertThat(again.purchase()).isEqualTo(p.ref);
                assertThat(again.replay()).isTrue();
            }
        }

        void credit(Payment p) {
            p.state = "CREDITED";
            credited.add(p);
            wallet.merge(p.user, p.total, Long::sum);
            // A debt is repaid first, from the paid coins first.
            long owed = debt.getOrDefault(p.user, 0L);
            long repaid = Math.min(owed, p.total);
            long repaidPaid = Math.min(repaid, p.paid);
            p.unspentPaid = p.paid - repaidPaid;
            p.unspentBonus = p.total - p.paid - (repaid - repaidPaid);
            debt.put(p.user, owed - repaid);
        }

        /** Pays out some of the creator's diamonds, as a paid cash-out does: they leave the creator for good. */
        void payOut(int n) {
            long available = balance(AccountId.creatorDiamonds(creator));
            long d = available == 0 ? 0 : n % available + 1;
            if (d == 0) {
                return;
            }
            f.store.apply(TransactionRequest.builder(IdempotencyKey.of("payout-" + keys++), "payout")
                    .debit(AccountId.creatorDiamonds(creator), d)
                    .credit(AccountId.system(AccountType.DIAMONDS_PAID_OUT), d)
                    .build());
            paidOutDiamonds += d;
        }

        void release(int hours) {
            f.clock.advance(Duration.ofHours(hours));
            Instant now = f.clock.instant();
            f.holds.releaseDueHolds();
            hold.replaceAll((period, parts) -> f.holds.releasableAt(period).isAfter(now) ? parts : 0L);
        }

        /** Takes up to {@code coins} from a member's lots, paid lots oldest first, then bonus lots; returns the takes. */
        List<long[]> consume(UserId user, long coins, Payment except) {
            List<long[]> takes = new ArrayList<>(); // {index in credited, coins}
            long left = coins;
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < credited.size() && left > 0; i++) {
                    Payment q = credited.get(i);
                    if (!q.user.equals(user) || q == except) {
                        continue;
                    }
                    long k = Math.min(left, pass == 0 ? q.unspentPaid : q.unspentBonus);
                    if (k > 0) {
                        if (pass == 0) {
                            q.unspentPaid -= k;
                        } else {
                            q.unspentBonus -= k;
                        }
                        takes.add(new long[] {i, k});
                        left -= k;
                    }
                }
            }
            return takes;
        }

        /** Takes up to {@code coins} from the member's lots other than the purchase's own; returns the coins taken. */
        long others(Payment p, long coins) {
            long taken = 0;
            for (long[] t : consume(p.user, Math.max(0, coins), p)) {
                taken += t[1];
            }
            return taken;
        }

        Payment pick(int i) {
            if (payments.isEmpty()) {
                return null;
            }
            return new ArrayList<>(payments.values()).get(i % payments.size());
        }

        void confirm(Op op) {
            Payment p = pick(op.b);
            if (p == null || p.ref.contains(":")) {
                return;
            }
            if (op.c % 5 == 0) {
                LedgerSnapshot before = f.store.snapshot();
                assertThatThrownBy(() -> f.recharges.confirm(
                                p.ref, f.gateway.amountOf(p.ref).add(usd("0.01"))))
                        .isInstanceOf(PaymentMismatchException.class);
                assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
                return;
            }
            switch (p.state) {
                case "DECLINED":
                    assertThatThrownBy(() -> f.recharges.confirm(p.ref, f.gateway.amountOf(p.ref)))
                            .isInstanceOf(PaymentDeclinedException.class);
                    break;
                case "CREDITED":
                    assertThat(f.recharges
                                    .confirm(p.ref, f.gateway.amountOf(p.ref))
                                    .replay())
                            .isTrue();
                    break;
                default:
                    assertThat(f.recharges
                                    .confirm(p.ref, f.gateway.amountOf(p.ref))
                                    .replay())
                            .isFalse();
                    credit(p);
            }
        }

        void decline(Op op) {
            Payment p = pick(op.b);
            if (p == null || p.ref.contains(":")) {
                return;
            }
            boolean declined = f.recharges.decline(p.ref);
            assertThat(declined).isEqualTo(!p.state.equals("CREDITED"));
            if (p.state.equals("PENDING")) {
                p.state = "DECLINED";
            }
        }

        void receipt(UserId user, String original) {
            AppStoreReceipt receipt = new AppStoreReceipt(
                    user,
                    ChannelId.APPLE_APP_STORE,
                    original,
                    PackageId.of("apple-65"),
                    usd("0.99"),
                    RechargeFixture.US,
                    f.clock.instant());
            UserId first = receipts.get(original);
            if (first == null) {
                RechargeReceipt r = f.recharges.creditReceipt(receipt);
                assertThat(r.replay()).isFalse();
                receipts.put(original, user);
                Payment p = new Payment(r.purchase(), user, 65, 65, "PENDING");
                p.amount = new BigDecimal("0.99");
                payments.put(p.ref, p);
                credit(p);
            } else if (first.equals(user)) {
                assertThat(f.recharges.creditReceipt(receipt).replay()).isTrue();
            } else {
                assertThatThrownBy(() -> f.recharges.creditReceipt(receipt))
                        .isInstanceOf(IdempotencyConflictException.class);
            }
        }

        void refund(Op op) {
            if (credited.isEmpty()) {
                return;
            }
            Payment p = credited.get(op.a % credited.size());
            long refundable = p.total - refunded.getOrDefault(p.ref, 0L);
            RefundKind kind = op.c % 2 == 0 ? RefundKind.REFUND : RefundKind.CHARGEBACK;
            String id = "re-" + keys++;
            RefundRequest request = op.b % 3 == 0
                    ? RefundRequest.full(id, p.ref, kind)
                    : RefundRequest.partial(id, p.ref, op.b % (p.total + 10) + 1, kind);
            long coins = request.coins().orElse(refundable);
            if (coins > refundable || coins == 0) {
                LedgerSnapshot before = f.store.snapshot();
                assertThatThrownBy(() -> f.recharges.refund(request))
                        .isInstanceOf(RefundExceedsPurchaseException.class);
                assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
                return;
            }
            RefundResult r = f.recharges.refund(request);
            long w = wallet.getOrDefault(p.user, 0L);
            // The lots: the purchase's own unspent coins first (paid, then bonus); then each of its spent coins is
            // recovered once, from the member's other lots (first in first out, bonus last) or from the parts it
            // earned still on hold (newest hold period first), in the refund order; the rest is debt or written off.
            long budget = policy == DebtPolicy.FREEZE ? Math.min(coins, Math.max(0, w)) : coins;
            long ownPaid = Math.min(p.unspentPaid, budget);
            long ownBonus = Math.min(p.unspentBonus, budget - ownPaid);
            p.unspentPaid -= ownPaid;
            p.unspentBonus -= ownBonus;
            long fromOwn = ownPaid + ownBonus;
            long spentCoins = coins - fromOwn;
            long fromOthers = 0;
            long asked = spentCoins;
            if (order == RefundOrder.VIEWER_FIRST) {
                fromOthers = others(p, Math.min(spentCoins, budget - fromOwn));
                asked = spentCoins - fromOthers;
            }
            // The claimed links, newest hold period first, and what the creators cover of the coins asked of them.
            long left = spentCoins;
            long ask = asked;
            long fromCreators = 0;
            long reversed = 0;
            long notReversed = 0;
            long takenBack = 0;
            for (String period : new ArrayList<>(p.gifted.descendingKeySet())) {
                long g = p.gifted.get(period);
                long a = Math.min(g, left);
                if (a == 0) {
                    continue;
                }
                left -= a;
                long parts;
                if (residue) {
                    long linked = p.linkedHeld.getOrDefault(period, 0L);
                    parts = a == g ? linked : linked * a / g;
                    p.linkedHeld.put(period, linked - parts);
                } else {
                    parts = a * numerator;
                }
                p.gifted.put(period, g - a);
                long inHold = hold.getOrDefault(period, 0L);
                long want = Math.min(a, ask);
                long max = parts == 0 ? 0 : parts <= inHold ? a : inHold * a / parts;
                long covered = Math.min(max, want);
                long back = covered == a ? parts : parts * covered / a;
                long wanted = want == a ? parts : parts * want / a;
                if (takeBack && wanted - back > 0) {
                    // The parts released already are taken back from the creator, who then covers all coins asked.
                    covered = want;
                    takenBack += wanted - back;
                } else {
                    notReversed += wanted - back;
                }
                ask -= covered;
                fromCreators += covered;
                hold.put(period, inHold - back);
                reversed += back;
            }
            if (order == RefundOrder.CREATORS_FIRST) {
                fromOthers = others(p, Math.min(spentCoins - fromCreators, budget - fromOwn));
            }
            long clawed = fromOwn + fromOthers;
            long shortfall = coins - clawed - fromCreators;
            boolean debt = shortfall > 0 && policy != DebtPolicy.FREEZE;
            boolean freeze = shortfall > 0 && policy != DebtPolicy.ALLOW_DEBT;
            if (order == RefundOrder.VIEWER_FIRST) {
                assertThat(clawed).as("clawed back from lots").isEqualTo(Math.min(coins, Math.max(0, w)));
            }
            assertThat(clawed)
                    .as("clawed back from lots, besides what creators covered")
                    .isEqualTo(Math.min(coins - fromCreators, Math.max(0, w)));
            assertThat(clawed + r.debt() + fromCreators)
                    .as("coins recovered from the member and from creators, each once")
                    .isLessThanOrEqualTo(coins);
            assertThat(fromOthers + r.debt() + r.coveredByCreators())
                    .as("spent coins recovered at most once")
                    .isLessThanOrEqualTo(spentCoins);
            assertThat(r.coveredByCreators()).as("coins covered by creators").isEqualTo(fromCreators);
            if (debt) {
                this.debt.merge(p.user, shortfall, Long::sum);
            }
            coveredByCreators.merge(p.user, fromCreators, Long::sum);
            STATS.merge(
                    (reversed > 0 ? "rev " : "")
                            + (notReversed > 0 ? "notrev " : "")
                            + (takenBack > 0 ? "takenback " : "")
                            + "periods=" + p.gifted.size(),
                    1,
                    Integer::sum);
            assertThat(r.partsReversed()).as("parts reversed").isEqualTo(reversed);
            assertThat(r.partsNotReversed()).as("parts already released").isEqualTo(notReversed);
            assertThat(r.partsBookedAsLoss()).as("parts booked as loss").isEqualTo(notReversed);
            assertThat(r.partsTakenBackAfterRelease())
                    .as("parts taken back after release")
                    .isEqualTo(takenBack);
            if (!takeBack) {
                assertThat(r.takenBack()).isEmpty();
            }
            for (ReleaseReversal t : r.takenBack()) {
                assertThat(t.creator()).isEqualTo(creator);
                if (t.debt() > 0) {
                    inDebt.add(AccountId.member(AccountType.CREATOR_DEBT, creator));
                    STATS.merge("creator-debt", 1, Integer::sum);
                }
            }
            reversedParts += reversed;
            takenBackParts += takenBack;
            lossParts += notReversed;
            assertThat(r.replay()).isFalse();
            assertThat(r.coins()).isEqualTo(coins);
            assertThat(r.clawedBack()).isEqualTo(clawed);
            assertThat(r.debt()).isEqualTo(debt ? shortfall : 0);
            assertThat(r.writtenOff()).isEqualTo(debt ? 0 : shortfall);
            assertThat(r.frozen()).isEqualTo(freeze);
            wallet.put(p.user, w - clawed - (debt ? shortfall : 0));
            if (!debt) {
                writtenOff.merge(p.user, shortfall, Long::sum);
            } else {
                inDebt.add(AccountId.userCoins(p.user));
            }
            if (freeze) {
                frozen.add(p.user);
            }
            refunded.merge(p.ref, coins, Long::sum);
            lastRefund = request;
            lastResult = r;
        }

        void spend(UserId user, long roses) {
            GiftRequest g = new GiftRequest(
                    IdempotencyKey.of("g" + keys++), user, creator, GiftId.of("rose"), roses, GiftContext.LIVE, "l");
            long w = wallet.getOrDefault(user, 0L);
            GiftReceipt receipt;
            try {
                receipt = f.gifting.send(g);
            } catch (WalletFrozenException e) {
                assertThat(frozen).contains(user);
                return;
            } catch (InsufficientCoinsException e) {
                assertThat(w).isLessThan(roses);
                return;
            } catch (LimitExceededException e) {
                return;
            }
            assertThat(frozen).doesNotContain(user);
            wallet.put(user, w - roses);
            spent.merge(user, roses, Long::sum);
            String period = receipt.holdPeriod();
            long held = receipt.partsCredited();
            earnedParts += held;
            hold.merge(period, held, Long::sum);
            List<long[]> takes = consume(user, roses, null);
            assertThat(takes.stream().mapToLong(t -> t[1]).sum())
                    .as("lots cover the gift")
                    .isEqualTo(roses);
            long linked = 0;
            for (int i = 0; i < takes.size(); i++) {
                Payment q = credited.get((int) takes.get(i)[0]);
                long k = takes.get(i)[1];
                q.gifted.merge(period, k, Long::sum);
                if (residue && held > 0) {
                    long share = i == takes.size() - 1 ? held - linked : held * k / roses;
                    linked += share;
                    q.linkedHeld.merge(period, share, Long::sum);
                }
            }
        }

        void check() {
            LedgerInvariants.check(f.store, inDebt);
            Map<UserId, Long> lots = new HashMap<>();
            for (Payment p : credited) {
                long left = p.total - refunded.getOrDefault(p.ref, 0L);
                assertThat(f.recharges.lot(p.ref).orElseThrow().refundable())
                        .as("lot of %s", p.ref)
                        .isEqualTo(left);
                lots.merge(p.user, left, Long::sum);
            }
            LedgerInvariants.checkLots(f.store);
            Map<UserId, Long> unspent = new HashMap<>();
            for (Payment p : credited) {
                CoinLot lot = f.recharges.lot(p.ref).orElseThrow();
                assertThat(lot.unspentPaid())
                        .as("unspent paid coins of %s", p.ref)
                        .isEqualTo(p.unspentPaid);
                assertThat(lot.unspentBonus())
                        .as("unspent bonus coins of %s", p.ref)
                        .isEqualTo(p.unspentBonus);
                unspent.merge(p.user, p.unspentPaid + p.unspentBonus, Long::sum);
            }
            // The links from lots to the creator's hold periods, summed per period: coins, and in residue mode parts.
            Map<String, Long> giftedByPeriod = new TreeMap<>();
            Map<String, Long> heldByPeriod = new TreeMap<>();
            for (Payment p : credited) {
                p.gifted.forEach((period, coins) -> giftedByPeriod.merge(period, coins, Long::sum));
                p.linkedHeld.forEach((period, parts) -> heldByPeriod.merge(period, parts, Long::sum));
            }
            Map<String, Long> giftedInStore = new TreeMap<>();
            Map<String, Long> heldInStore = new TreeMap<>();
            for (Map.Entry<AccountId, Long> b : f.store.snapshot().balances().entrySet()) {
                AccountType type = b.getKey().type();
                if (type == AccountType.LOT_GIFTED || type == AccountType.LOT_HELD) {
                    String ref = b.getKey().reference().orElseThrow();
                    String period = ref.substring(ref.indexOf('.') + 1);
                    (type == AccountType.LOT_GIFTED ? giftedInStore : heldInStore)
                            .merge(period, b.getValue(), Long::sum);
                }
            }
            giftedByPeriod.values().removeIf(v -> v == 0);
            heldByPeriod.values().removeIf(v -> v == 0);
            giftedInStore.values().removeIf(v -> v == 0);
            heldInStore.values().removeIf(v -> v == 0);
            assertThat(giftedInStore).as("coins of lots spent per hold period").isEqualTo(giftedByPeriod);
            assertThat(heldInStore).as("parts linked to lots per hold period").isEqualTo(heldByPeriod);
            for (Map.Entry<String, Long> h : hold.entrySet()) {
                AccountId account = AccountId.creatorHold(creator, h.getKey());
                assertThat(f.store.exists(account) ? f.store.balance(account) : 0)
                        .as("hold %s", account)
                        .isEqualTo(h.getValue());
            }
            for (UserId u : users) {
                long w = wallet.getOrDefault(u, 0L);
                assertThat(f.coins(u)).as("wallet of %s", u).isEqualTo(w);
                long owed = debt.getOrDefault(u, 0L);
                AccountId debtAccount = AccountId.member(AccountType.COIN_DEBT, u);
                assertThat(f.store.exists(debtAccount) ? f.store.balance(debtAccount) : 0)
                        .as("debt of %s", u)
                        .isEqualTo(owed);
                assertThat(w).as("wallet of %s = unspent lots - debt", u).isEqualTo(unspent.getOrDefault(u, 0L) - owed);
                // What is in the wallet is what its lots still hold, less what was spent, plus what was written off.
                assertThat(w)
                        .as("wallet of %s against its lots", u)
                        .isEqualTo(lots.getOrDefault(u, 0L)
                                - spent.getOrDefault(u, 0L)
                                + writtenOff.getOrDefault(u, 0L)
                                + coveredByCreators.getOrDefault(u, 0L));
                assertThat(f.recharges.isFrozen(u)).isEqualTo(frozen.contains(u));
            }
            Map<String, Long> credits = new HashMap<>();
            for (Object e : f.events) {
                if (e instanceof CoinsCredited) {
                    credits.merge(((CoinsCredited) e).receipt().purchase(), 1L, Long::sum);
                }
            }
            for (Payment p : payments.values()) {
                assertThat(credits.getOrDefault(p.ref, 0L))
                        .as("credits of %s", p.ref)
                        .isEqualTo(p.state.equals("CREDITED") ? 1 : 0);
                assertThat(f.recharges.lot(p.ref).isPresent()).isEqualTo(p.state.equals("CREDITED"));
            }
            assertThat(Recharges.isFrozen(f.store, creator)).isFalse();
            checkCreator();
            checkReports();
        }

        /**
         * The creator's parts reconcile: held + carry + whole diamonds - debt = parts earned - taken back from holds -
         * taken back after release - paid out; the debt's mirror is its negation; the platform's loss is what was left with them.
         */
        void checkCreator() {
            long ppd = economy.earnings().share().denominator();
            long held = 0;
            for (long parts : hold.values()) {
                held += parts;
            }
            long carry = balance(AccountId.creatorCarry(creator));
            long diamonds = balance(AccountId.creatorDiamonds(creator));
            long debtParts = balance(AccountId.member(AccountType.CREATOR_DEBT, creator));
            assertThat(debtParts).as("creator debt").isNotPositive();
            assertThat(balance(AccountId.member(AccountType.CREATOR_DEBT_DUE, creator)))
                    .as("creator debt's mirror")
                    .isEqualTo(-debtParts);
            assertThat(carry).as("carry").isBetween(0L, ppd - 1);
            assertThat(held + carry + diamonds * ppd + debtParts)
                    .as("creator's parts = earned - reversed - taken back after release - paid out")
                    .isEqualTo(earnedParts - reversedParts - takenBackParts - paidOutDiamonds * ppd);
            assertThat(f.system(AccountType.PARTS_TAKEN_BACK)).isEqualTo(takenBackParts);
            assertThat(f.system(AccountType.PARTS_LOSS)).isEqualTo(-lossParts);
            if (!takeBack) {
                assertThat(debtParts).isZero();
            }
        }

        long balance(AccountId a) {
            return f.store.exists(a) ? f.store.balance(a) : 0;
        }

        /**
         * The finance reports reconcile with the model: sold = refunded + recognised + outstanding at cost, in coins
         * and money; the outstanding coins are the wallets plus what members owe; the coins recognised are those
         * spent on gifts less those refunds wrote off, creators covered, or members still owe.
         */
        void checkReports() {
            FinanceReports reports = FinanceReports.of(economy, f.store, ReportSettings.defaults());
            RevenueReport revenue = reports.revenue();
            CoinLiability liability = reports.liability();
            BigDecimal sold = BigDecimal.ZERO;
            long soldPaid = 0;
            long soldCoins = 0;
            long refundedPaid = 0;
            long refundedCoins = 0;
            for (Payment p : credited) {
                sold = sold.add(p.amount);
                soldPaid += p.paid;
                soldCoins += p.total;
                long back = refunded.getOrDefault(p.ref, 0L);
                refundedCoins += back;
                refundedPaid += Math.min(p.paid, back);
            }
            if (credited.isEmpty()) {
                assertThat(revenue.lines()).isEmpty();
                assertThat(liability.lines()).isEmpty();
                return;
            }
            assertThat(revenue.lines()).hasSize(1);
            RevenueLine line = revenue.lines().get(0);
            assertThat(line.sold().getNumber().numberValue(BigDecimal.class)).isEqualByComparingTo(sold);
            assertThat(line.soldCoins()).isEqualTo(soldPaid);
            assertThat(line.refundedCoins()).isEqualTo(refundedPaid);
            assertThat(line.refundedCoins() + line.recognisedCoins() + line.outstandingCoins())
                    .as("paid coins sold = refunded + recognised + outstanding")
                    .isEqualTo(line.soldCoins());
            assertThat(line.refunded().add(line.recognised()).add(line.outstanding()))
                    .as("sold = refunded + recognised + outstanding at cost")
                    .isEqualTo(line.sold());
            assertThat(line.recognised().subtract(line.tax()).subtract(line.storeFee()))
                    .isEqualTo(line.netRevenue());
            assertThat(liability.totals().get("USD")).isEqualTo(line.outstanding());
            long wallets = 0;
            long owed = 0;
            long gifted = 0;
            long off = 0;
            long covered = 0;
            for (UserId u : users) {
                wallets += wallet.getOrDefault(u, 0L);
                owed += debt.getOrDefault(u, 0L);
                gifted += spent.getOrDefault(u, 0L);
                off += writtenOff.getOrDefault(u, 0L);
                covered += coveredByCreators.getOrDefault(u, 0L);
            }
            assertThat(liability.debtCoins()).isEqualTo(owed);
            assertThat(liability.coins()).as("unspent coins = wallets + debts").isEqualTo(wallets + owed);
            assertThat(soldCoins - refundedCoins - liability.coins())
                    .as("coins recognised = gifted - written off - covered by creators - owed")
                    .isEqualTo(gifted - off - covered - owed);
            long heldParts = 0;
            for (long parts : hold.values()) {
                heldParts += parts;
            }
            assertThat(revenue.creators().heldParts()).isEqualTo(heldParts);
        }
    }

    private static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), RechargeFixture.USD);
    }
}
