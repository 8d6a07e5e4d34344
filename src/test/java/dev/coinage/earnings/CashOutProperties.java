package dev.coinage.earnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.CoinageException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.event.CoinageListener;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.CashOutPolicy;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.recharge.DebtPolicy;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.PayoutResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePaymentGateway;
import dev.coinage.testing.FakePayoutGateway;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.CurrencyUnit;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Generated sequences of recharges, gifts, hold releases (the clock moves across day, week and month boundaries),
 * cash-out quotes and requests (fresh, stale and retried), approvals, rejections, submissions with every provider
 * outcome, outages and lost answers, callbacks in order, duplicated or shuffled, returns after payment, reconciliation,
 * refunds and chargebacks of the viewers' purchases, and restarts (a new {@link Coinage} on the same store). After
 * every step: the ledger invariants hold; no payout is paid twice and every paid one was paid by the provider once;
 * no failed or rejected one was paid; a payout's status only moves forward; each outcome event fires at most once; the
 * diamonds a creator ever received never exceed what their gifts earned a hold window ago (never paid while held); the
 * diamonds of the day's and week's live cash-outs never exceed the caps; and each creator's monthly statements chain
 * (each month opens where the previous closed), add up, close on the ledger's balances and count exactly the diamonds
 * paid out.
 */
class CashOutProperties {
    static final Instant START =
            Instant.parse("2025-11-29T18:00:00Z"); // a Saturday evening, a day before November ends
    static final Duration HOLD = Duration.ofHours(8);
    static final String[] GIFTS = {"doughnut", "hand-hearts", "corgi", "money-gun", "galaxy"};
    static final int VIEWERS = 3;
    static final int CREATORS = 2;

    enum Kind {
        BUY,
        GIFT,
        ADVANCE,
        RELEASE,
        CASH_OUT,
        STALE_REQUEST,
        RETRY_REQUEST,
        APPROVE,
        REJECT,
        SUBMIT,
        SETTLE,
        RETURN_PAID,
        RECONCILE,
        REFUND,
        RESTART
    }

    /** The kinds, each as often as a sequence needs it to reach the next steps of a payout. */
    static final List<Kind> WEIGHTED = weighted(Map.ofEntries(
            Map.entry(Kind.BUY, 3),
            Map.entry(Kind.GIFT, 6),
            Map.entry(Kind.ADVANCE, 3),
            Map.entry(Kind.RELEASE, 3),
            Map.entry(Kind.CASH_OUT, 6),
            Map.entry(Kind.STALE_REQUEST, 1),
            Map.entry(Kind.RETRY_REQUEST, 1),
            Map.entry(Kind.APPROVE, 2),
            Map.entry(Kind.REJECT, 1),
            Map.entry(Kind.SUBMIT, 4),
            Map.entry(Kind.SETTLE, 3),
            Map.entry(Kind.RETURN_PAID, 1),
            Map.entry(Kind.RECONCILE, 1),
            Map.entry(Kind.REFUND, 1),
            Map.entry(Kind.RESTART, 1)));

    static List<Kind> weighted(Map<Kind, Integer> weights) {
        List<Kind> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int i = 0; i < weights.get(k); i++) {
                out.add(k);
            }
        }
        return List.copyOf(out);
    }

    record Op(Kind kind, int a, int b, int c) {}

    static final Map<String, Integer> STATS = new java.util.TreeMap<>();

    @org.junit.jupiter.api.AfterAll
    static void stats() {
        if (Boolean.getBoolean("stats")) {
            System.err.println("STATS " + STATS);
        }
    }

    /** A fresh store for one generated case, stamping transactions with the clock. */
    protected LedgerStore newStore(Clock clock) {
        return InMemoryLedgerStore.create(clock);
    }

    /** Releases what {@link #newStore} acquired. */
    protected void release(LedgerStore store) {}

    /** How many generated cases to run. */
    protected int examples() {
        return 120;
    }

    /** The longest generated sequence. */
    protected int maxSteps() {
        return 60;
    }

    static EconomyDefinition economy() {
        EconomyDefinition base = ExampleEconomy.withEarnings(1, 2, ConversionMode.CARRY, HOLD);
        MoneyOf usd = new MoneyOf(base.earnings().diamondValue().getCurrency());
        // Small figures so that sequences reach the minimum, the caps and the review threshold often.
        return base.withCashOut(new CashOutPolicy(
                base.earnings().diamondValue(), // 0.005 USD
                usd.of("0.01"),
                new BigDecimal("2"),
                20,
                usd.of("2.00"), // 400 diamonds a day
                usd.of("5.00"), // 1,000 diamonds a week
                ZoneOffset.UTC,
                Optional.of(usd.of("1.00")), // review above 200 diamonds
                Duration.ofMinutes(15),
                RoundingMode.DOWN));
    }

    record MoneyOf(CurrencyUnit c) {
        javax.money.MonetaryAmount of(String amount) {
            return Money.of(new BigDecimal(amount), c);
        }
    }

    @Test
    void everySequenceKeepsPayoutsOnceCapsHoldsAndStatementsExact() {
        Gen<Op> ops = integers()
                .between(0, WEIGHTED.size() - 1)
                .zip(
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        (k, a, b, c) -> new Op(WEIGHTED.get(k), a, b, c));
        qt().withExamples(examples())
                .forAll(integers().between(0, 1), lists().of(ops).ofSizeBetween(1, maxSteps()))
                .checkAssert((debt, sequence) -> {
                    Run run = new Run(debt == 0 ? DebtPolicy.ALLOW_DEBT : DebtPolicy.FREEZE);
                    LedgerStore store = newStore(run.clock);
                    try {
                        run.start(store);
                        run.run(sequence);
                        if (Boolean.getBoolean("stats")) {
                            STATS.merge("cases", 1, Integer::sum);
                            run.lastStatus.values().forEach(v -> STATS.merge(v.name(), 1, Integer::sum));
                        }
                    } finally {
                        release(store);
                    }
                });
    }

    /** A payout as the test saw it requested. */
    record Requested(String id, UserId creator, long diamonds, String day, String week, String key, CashOutQuote q) {}

    static final class Run {
        final EconomyDefinition economy = economy();
        final CashOutPolicy policy = economy.cashOut();
        final DebtPolicy debtPolicy;
        final AtomicReference<Instant> now = new AtomicReference<>(START);
        final Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        final FakePaymentGateway payments = new FakePaymentGateway();
        final FakePayoutGateway provider = new FakePayoutGateway();
        final Map<UserId, MemberProfile> profiles = new HashMap<>();
        final Map<UserId, PayoutProfile> payoutProfiles = new HashMap<>();
        final List<UserId> viewers = new ArrayList<>();
        final List<UserId> creators = new ArrayList<>();
        final List<String> purchases = new ArrayList<>();
        final List<Requested> requested = new ArrayList<>();
        final Map<String, PayoutStatus> lastStatus = new HashMap<>();
        final Map<String, Integer> outcomeEvents = new ConcurrentHashMap<>();
        /** Per creator, the gifts' coins by the instant they were sent. */
        final Map<UserId, List<Map.Entry<Instant, Long>>> earned = new HashMap<>();

        final Set<AccountId> mayBeInDebt = new HashSet<>();
        final Random random;
        Coinage coinage;
        CashOutQuote lastQuote;
        int keys;

        Run(DebtPolicy debtPolicy) {
            this.debtPolicy = debtPolicy;
            this.random = new Random(debtPolicy.ordinal());
        }

        void start(LedgerStore store) {
            Region us = Region.of("US");
            for (int i = 0; i < VIEWERS; i++) {
                UserId v = UserId.of("viewer-" + i);
                profiles.put(v, new MemberProfile(LocalDate.of(1990, 1, 1), us, Standing.GOOD, false));
                viewers.add(v);
                mayBeInDebt.add(AccountId.userCoins(v));
            }
            for (int i = 0; i < CREATORS; i++) {
                UserId c = UserId.of("creator-" + i);
                profiles.put(c, new MemberProfile(LocalDate.of(1990, 1, 1), us, Standing.GOOD, true));
                payoutProfiles.put(c, PayoutProfile.verified(policy.currency()).withFlaggedForReview(i == 1));
                creators.add(c);
                earned.put(c, new ArrayList<>());
            }
            coinage = Coinage.builder()
                    .definition(economy)
                    .store(store)
                    .clock(clock)
                    .members(new Members() {
                        @Override
                        public Optional<MemberProfile> find(UserId user) {
                            return Optional.ofNullable(profiles.get(user));
                        }

                        @Override
                        public Optional<PayoutProfile> payoutProfile(UserId creator) {
                            return Optional.ofNullable(payoutProfiles.get(creator));
                        }
                    })
                    .payments(payments)
                    .payouts(provider)
                    .debtPolicy(debtPolicy)
                    .listener(new CoinageListener() {
                        @Override
                        public void onCashOutRequested(CashOutEvent e) {
                            count("requested", e);
                        }

                        @Override
                        public void onCashOutApproved(CashOutEvent e) {
                            count("approved", e);
                        }

                        @Override
                        public void onCashOutRejected(CashOutEvent e) {
                            count("rejected", e);
                        }

                        @Override
                        public void onCashOutPaid(CashOutEvent e) {
                            count("paid", e);
                        }

                        @Override
                        public void onCashOutFailed(CashOutEvent e) {
                            count("failed", e);
                        }

                        @Override
                        public void onCashOutReturned(CashOutEvent e) {
                            count("returned", e);
                        }
                    })
                    .build();
        }

        void count(String what, CashOutEvent e) {
            outcomeEvents.merge(what + ":" + e.payout().id(), 1, Integer::sum);
        }

        CashOuts cashOuts() {
            return coinage.cashOuts();
        }

        void run(List<Op> sequence) {
            for (Op op : sequence) {
                try {
                    step(op);
                    if (Boolean.getBoolean("stats")) {
                        STATS.merge("ok-" + op.kind(), 1, Integer::sum);
                    }
                } catch (CoinageException refused) {
                    if (Boolean.getBoolean("stats")) {
                        STATS.merge(refused.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    // A typed refusal (not enough coins or diamonds, a cap, a state, a frozen wallet...): the
                    // invariants below say it wrote nothing wrong.
                } catch (IllegalStateException outage) {
                    assertThat(outage.getMessage()).containsAnyOf("down", "connection reset");
                }
                check(op);
            }
        }

        void step(Op op) {
            UserId viewer = viewers.get(op.a() % VIEWERS);
            UserId creator = creators.get(op.b() % CREATORS);
            switch (op.kind()) {
                case BUY: {
                    var quote = coinage.quotes()
                            .quotePackage(
                                    viewer,
                                    ChannelId.WEB,
                                    PackageId.of(op.c() % 2 == 0 ? "web-7000" : "web-1400"),
                                    policy.currency(),
                                    Region.of("US"));
                    RechargeReceipt r = coinage.recharges().charge(quote, IdempotencyKey.of("buy-" + keys++));
                    purchases.add(r.purchase());
                    break;
                }
                case GIFT: {
                    String gift = GIFTS[op.c() % GIFTS.length];
                    long price =
                            economy.gifts().find(GiftId.of(gift)).orElseThrow().coins();
                    for (int i = 0; i < VIEWERS && coinage.coins(viewer).amount() < price; i++) {
                        viewer = viewers.get((op.a() + i + 1) % VIEWERS); // mostly a viewer who can pay
                    }
                    GiftReceipt r = coinage.gifts()
                            .send(GiftRequest.live(
                                    IdempotencyKey.of("gift-" + keys++), viewer, creator, GiftId.of(gift), "live-1"));
                    earned.get(creator).add(Map.entry(now.get(), r.coinsSpent()));
                    break;
                }
                case ADVANCE:
                    now.updateAndGet(t -> t.plus(Duration.ofMinutes(1 + op.c() * 3L))); // up to 50 hours
                    if (op.a() % 2 == 0) {
                        coinage.holds().releaseDueHolds(); // the host's scheduler, on time
                    }
                    break;
                case RELEASE:
                    coinage.holds().releaseDueHolds();
                    break;
                case CASH_OUT: {
                    long available = cashOuts().earnings(creator).availableDiamonds();
                    long minimum = policy.minimumDiamonds();
                    // Mostly what the creator may take; now and then too little or too much, to be refused.
                    long diamonds = available < minimum || op.a() % 10 == 0
                            ? minimum - 1 + op.a() % 3
                            : minimum + (available - minimum) * (op.c() % 101) / 100;
                    lastQuote = cashOuts().quote(creator, diamonds);
                    request(lastQuote, "cash-" + keys++);
                    break;
                }
                case STALE_REQUEST:
                    if (lastQuote != null) {
                        request(lastQuote, "stale-" + keys++);
                    }
                    break;
                case RETRY_REQUEST:
                    if (!requested.isEmpty()) {
                        Requested r = requested.get(op.c() % requested.size());
                        Payout again = cashOuts().request(r.q(), IdempotencyKey.of(r.key()));
                        assertThat(again.replay()).isTrue();
                        assertThat(again.id()).isEqualTo(r.id());
                    }
                    break;
                case APPROVE:
                    payout(op).ifPresent(r -> cashOuts().approve(r.id()));
                    break;
                case REJECT:
                    payout(op).ifPresent(r -> cashOuts().reject(r.id(), "documents"));
                    break;
                case SUBMIT:
                    payout(op).ifPresent(r -> {
                        switch (op.a() % 6) {
                            case 0:
                                provider.then(PayoutResult.Status.PAID);
                                break;
                            case 1:
                                provider.then(PayoutResult.Status.FAILED);
                                break;
                            case 2:
                                provider.then(PayoutResult.Status.RETURNED);
                                break;
                            case 3:
                                provider.failWith(new IllegalStateException("provider down"));
                                break;
                            case 4:
                                provider.then(PayoutResult.Status.PAID).loseAnswers();
                                break;
                            default:
                                break; // pending: the outcome comes by callback
                        }
                        try {
                            cashOuts().submit(r.id());
                        } finally {
                            provider.recover();
                        }
                    });
                    break;
                case SETTLE:
                    payout(op).ifPresent(r -> provider.settle(r.id(), op.a() % 3 != 0));
                    deliver(op);
                    break;
                case RETURN_PAID:
                    payout(op).ifPresent(r -> provider.returnPaid(r.id()));
                    deliver(op);
                    break;
                case RECONCILE:
                    cashOuts().reconcileSubmitted();
                    break;
                case REFUND:
                    if (!purchases.isEmpty()) {
                        String purchase = purchases.get(op.c() % purchases.size());
                        RefundRequest request = op.a() % 2 == 0
                                ? RefundRequest.full("refund-" + keys++, purchase, kind(op))
                                : RefundRequest.partial("refund-" + keys++, purchase, 1 + op.b() % 300, kind(op));
                        coinage.recharges().refund(request);
                    }
                    break;
                case RESTART:
                default:
                    coinage = coinage.toBuilder().build();
                    break;
            }
        }

        static RefundKind kind(Op op) {
            return op.b() % 2 == 0 ? RefundKind.CHARGEBACK : RefundKind.REFUND;
        }

        void deliver(Op op) {
            FakePayoutGateway.Delivery d = FakePayoutGateway.Delivery.values()[op.c() % 3];
            provider.deliver(cashOuts(), d, random);
        }

        Optional<Requested> payout(Op op) {
            return requested.isEmpty() ? Optional.empty() : Optional.of(requested.get(op.c() % requested.size()));
        }

        void request(CashOutQuote q, String key) {
            Instant at = now.get();
            Payout p = cashOuts().request(q, IdempotencyKey.of(key));
            assertThat(p.replay()).isFalse();
            assertThat(p.status()).isIn(PayoutStatus.IN_REVIEW, PayoutStatus.APPROVED);
            LocalDate date = LocalDate.ofInstant(at, policy.zone());
            String week = date.get(IsoFields.WEEK_BASED_YEAR) + "W" + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            requested.add(new Requested(p.id(), q.creator(), q.diamonds(), date.toString(), week, key, q));
        }

        void check(Op op) {
            LedgerInvariants.check(coinage.store(), mayBeInDebt);
            LedgerInvariants.checkLots(coinage.store());
            Map<String, Long> perDay = new HashMap<>();
            Map<String, Long> perWeek = new HashMap<>();
            Map<UserId, Long> paidNet = new HashMap<>();
            long paidOut = 0;
            for (Requested r : requested) {
                PayoutStatus s = cashOuts().payout(r.id()).orElseThrow().status();
                PayoutStatus before = lastStatus.getOrDefault(r.id(), PayoutStatus.IN_REVIEW);
                assertThat(moves(before, s))
                        .as("%s: %s after %s (%s)", r.id(), s, before, op)
                        .isTrue();
                lastStatus.put(r.id(), s);
                int times = provider.timesPaid(r.id());
                assertThat(times).as("times the provider paid %s", r.id()).isLessThanOrEqualTo(1);
                if (s == PayoutStatus.PAID || s == PayoutStatus.RETURNED) {
                    assertThat(times).as("paid %s by the provider", r.id()).isEqualTo(1);
                }
                // A failed payout may have been sent and come back before its payment was reported: then it counts
                // as failed, its money back with the provider.
                if (s == PayoutStatus.REJECTED) {
                    assertThat(times).as("paid %s by the provider", r.id()).isZero();
                }
                if (s == PayoutStatus.PAID) {
                    paidOut += r.diamonds();
                    paidNet.merge(r.creator(), r.diamonds(), Long::sum);
                }
                if (s != PayoutStatus.REJECTED && s != PayoutStatus.FAILED) {
                    perDay.merge(r.creator() + "/" + r.day(), r.diamonds(), Long::sum);
                    perWeek.merge(r.creator() + "/" + r.week(), r.diamonds(), Long::sum);
                }
                assertThat(outcomeEvents.getOrDefault("requested:" + r.id(), 0)).isEqualTo(1);
                for (String e : new String[] {"approved", "rejected", "paid", "failed", "returned"}) {
                    assertThat(outcomeEvents.getOrDefault(e + ":" + r.id(), 0))
                            .as("%s events of %s", e, r.id())
                            .isLessThanOrEqualTo(1);
                }
            }
            assertThat(coinage.store().balance(AccountId.system(AccountType.DIAMONDS_PAID_OUT)))
                    .as("diamonds paid out")
                    .isEqualTo(paidOut);
            long dayCap = policy.diamondsWithin(policy.dailyCap());
            long weekCap = policy.diamondsWithin(policy.weeklyCap());
            perDay.forEach((k, v) -> assertThat(v).as("cashed out on %s", k).isLessThanOrEqualTo(dayCap));
            perWeek.forEach((k, v) -> assertThat(v).as("cashed out in %s", k).isLessThanOrEqualTo(weekCap));
            for (UserId c : creators) {
                CreatorEarnings e = cashOuts().earnings(c);
                long received = e.availableDiamonds() + e.reservedDiamonds() + paidNet.getOrDefault(c, 0L);
                long releasable = 0;
                for (Map.Entry<Instant, Long> g : earned.get(c)) {
                    if (!g.getKey().plus(HOLD).isAfter(now.get())) {
                        releasable += g.getValue();
                    }
                }
                assertThat(received)
                        .as("diamonds %s received, against what gifts earned a hold window ago", c)
                        .isLessThanOrEqualTo(releasable / 2);
                checkStatements(c, e, paidNet.getOrDefault(c, 0L));
            }
        }

        void checkStatements(UserId c, CreatorEarnings now, long paidNet) {
            YearMonth first = YearMonth.from(START.atZone(ZoneOffset.UTC));
            YearMonth last = YearMonth.from(this.now.get().atZone(ZoneOffset.UTC));
            CreatorStatement previous = null;
            long paid = 0;
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                CreatorStatement s = cashOuts().statement(c, m, ZoneOffset.UTC);
                if (previous == null) {
                    assertThat(s.heldOpening()).isZero();
                    assertThat(s.diamondsOpening()).isZero();
                    assertThat(s.carryOpening()).isZero();
                } else {
                    assertThat(s.heldOpening()).as("held opening %s", m).isEqualTo(previous.heldClosing());
                    assertThat(s.carryOpening()).as("carry opening %s", m).isEqualTo(previous.carryClosing());
                    assertThat(s.diamondsOpening()).as("diamonds opening %s", m).isEqualTo(previous.diamondsClosing());
                }
                assertThat(s.heldClosing())
                        .isEqualTo(s.heldOpening() + s.partsHeld() - s.partsReleased() - s.partsReversed());
                assertThat(s.diamondsClosing())
                        .isEqualTo(s.diamondsOpening()
                                + s.diamondsMinted()
                                - s.diamondsCashedOut()
                                + s.diamondsReturned()
                                + s.diamondsOther());
                paid += s.diamondsPaidOut() - s.diamondsReturnedAfterPayment();
                previous = s;
            }
            assertThat(previous.heldClosing()).as("held of %s", c).isEqualTo(now.heldParts());
            assertThat(previous.carryClosing()).as("carry of %s", c).isEqualTo(now.carryParts());
            assertThat(previous.diamondsClosing()).as("diamonds of %s", c).isEqualTo(now.availableDiamonds());
            assertThat(paid).as("diamonds paid out to %s by the statements", c).isEqualTo(paidNet);
        }

        /** Whether a payout may go from one status to another between two reads. */
        static boolean moves(PayoutStatus from, PayoutStatus to) {
            if (from == to) {
                return true;
            }
            switch (from) {
                case IN_REVIEW:
                    return true;
                case APPROVED:
                    return to != PayoutStatus.IN_REVIEW && to != PayoutStatus.REJECTED;
                case SUBMITTED:
                    return to == PayoutStatus.PAID || to == PayoutStatus.FAILED || to == PayoutStatus.RETURNED;
                case PAID:
                    return to == PayoutStatus.RETURNED;
                default:
                    return false; // rejected, failed and returned are final
            }
        }
    }
}
