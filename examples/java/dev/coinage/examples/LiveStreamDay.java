package dev.coinage.examples;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.Gift;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.Region;
import dev.coinage.core.CoinageException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOutEvent;
import dev.coinage.earnings.HoldReleased;
import dev.coinage.earnings.Payout;
import dev.coinage.earnings.PayoutStatus;
import dev.coinage.event.CoinageListener;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.GiftSent;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.LedgerUnit;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.recharge.AppStoreReceipt;
import dev.coinage.recharge.CoinsCredited;
import dev.coinage.recharge.PaymentFailedException;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.RefundApplied;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.PaymentResult;
import dev.coinage.testing.FakePaymentGateway;
import dev.coinage.testing.FakePayoutGateway;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * A simulated day of a live-streaming app, run through the {@link Coinage} front door: viewers buy coins on the web
 * (some payments pending until their webhook, some declined) and in the app stores, send gifts to creators during their
 * LIVEs — a few creators and cheap gifts get most of them, as in real apps — some as combo streaks, some retried by a
 * flaky client; a few purchases are refunded or charged back. A week later the creators' held earnings are released
 * and those above the cash-out minimum cash out through a payout provider that fails some payouts and sees a paid one
 * returned.
 *
 * <p>Everything is driven by one seeded {@link Random} and a {@link SimulatedClock}: the same settings and seed give
 * the same figures, on any store.
 */
public final class LiveStreamDay {
    /** When the simulated day starts (midnight UTC). */
    public static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    private static final Region REGION = Region.of("US");
    private static final List<Region> VIEWER_REGIONS = List.of(
            REGION, REGION, REGION, REGION, REGION, REGION, REGION, Region.of("GB"), Region.of("DE"), Region.of("CA"));

    /**
     * How big a day to simulate.
     *
     * @param viewers the viewers, positive
     * @param creators the creators streaming, positive
     * @param hours the hours simulated, from 1 to 24
     * @param seed the seed of every random choice
     */
    public record Settings(int viewers, int creators, int hours, long seed) {
        /** Checks the settings. */
        public Settings {
            if (viewers < 1 || creators < 1) {
                throw new IllegalArgumentException(
                        "viewers and creators must be positive: " + viewers + ", " + creators);
            }
            if (hours < 1 || hours > 24) {
                throw new IllegalArgumentException("hours must be from 1 to 24: " + hours);
            }
        }

        /**
         * The default day: 1,000 viewers, 20 creators, 24 hours, seed 42.
         *
         * @return the settings
         */
        public static Settings defaults() {
            return new Settings(1_000, 20, 24, 42);
        }

        /**
         * How many progress steps a day of these settings reports: one per viewer and hour, one per creator cashing
         * out.
         *
         * @return the steps
         */
        public long steps() {
            return (long) viewers * hours + creators;
        }
    }

    private final String name;
    private final EconomyDefinition definition;
    private final Settings settings;
    private final IntConsumer progress;
    private final Random random;
    private final SimulatedClock clock = SimulatedClock.at(START);
    private final FakePaymentGateway psp = new FakePaymentGateway();
    private final FakePayoutGateway payoutProvider = new FakePayoutGateway();
    private final Tally tally = new Tally();
    private final Coinage coinage;
    private final CurrencyUnit currency;
    private final List<Viewer> viewers = new ArrayList<>();
    private final List<UserId> creators = new ArrayList<>();
    private final Map<UserId, MemberProfile> members = new LinkedHashMap<>();
    private final Map<String, Purchase> purchases = new LinkedHashMap<>();
    private final List<String> pending = new ArrayList<>();
    private final List<Gift> gifts;
    private int orders;
    private int taps;
    private int refundIds;

    private LiveStreamDay(
            String name,
            EconomyDefinition definition,
            Function<Clock, LedgerStore> stores,
            Settings settings,
            IntConsumer progress) {
        this.name = name;
        this.definition = definition;
        this.settings = settings;
        this.progress = progress;
        this.random = new Random(settings.seed());
        this.currency = definition.baseCurrency();
        for (int i = 1; i <= settings.creators(); i++) {
            UserId creator = UserId.of(String.format("creator-%02d", i));
            creators.add(creator);
            members.put(creator, new MemberProfile(birthDate(), REGION, Standing.GOOD, true));
        }
        for (int i = 1; i <= settings.viewers(); i++) {
            Viewer v = new Viewer(
                    UserId.of(String.format("viewer-%04d", i)),
                    // Pareto-distributed appetite: most buy the smallest packages, a few whales buy thousands of coins.
                    Math.min(20_000, 65 * Math.pow(1 - random.nextDouble(), -1 / 1.15)),
                    0.08 + 0.3 * random.nextDouble(),
                    channel(random.nextDouble()),
                    VIEWER_REGIONS.get(random.nextInt(VIEWER_REGIONS.size())));
            viewers.add(v);
            members.put(v.id(), new MemberProfile(birthDate(), v.region, Standing.GOOD, false));
        }
        Members port = new Members() {
            @Override
            public Optional<MemberProfile> find(UserId user) {
                return Optional.ofNullable(members.get(user));
            }

            @Override
            public Optional<PayoutProfile> payoutProfile(UserId creator) {
                return creators.contains(creator) ? Optional.of(PayoutProfile.verified(currency)) : Optional.empty();
            }
        };
        this.coinage = Coinage.builder()
                .definition(definition)
                .store(stores.apply(clock))
                .members(port)
                .payments(psp)
                .payouts(payoutProvider)
                .clock(clock)
                .listener(tally)
                .build();
        this.gifts = definition.gifts().sendable(START, REGION, GiftContext.LIVE).stream()
                .sorted(Comparator.comparingLong(Gift::coins).thenComparing(g -> g.id().value()))
                .toList();
        tally.start();
    }

    /**
     * Runs a day.
     *
     * @param name the economy's name, for the figures, not null
     * @param definition the economy, not null
     * @param stores makes the day's empty ledger store on the simulated clock, not null
     * @param settings the day's size and seed, not null
     * @param progress told how many steps were done after each batch (see {@link Settings#steps()}), not null
     * @return the day's figures, never null
     */
    public static DayFigures run(
            String name,
            EconomyDefinition definition,
            Function<Clock, LedgerStore> stores,
            Settings settings,
            IntConsumer progress) {
        return new LiveStreamDay(name, definition, stores, settings, progress).run();
    }

    private LocalDate birthDate() {
        return LocalDate.of(1975 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private static ChannelId channel(double u) {
        return u < 0.45 ? ChannelId.WEB : u < 0.8 ? ChannelId.APPLE_APP_STORE : ChannelId.GOOGLE_PLAY;
    }

    private DayFigures run() {
        List<Long> liability = new ArrayList<>();
        for (int hour = 0; hour < settings.hours(); hour++) {
            Instant hourStart = START.plus(Duration.ofHours(hour));
            clock.set(hourStart);
            // The evening peak: about four times as many viewers watch at 20:00 as at 08:00.
            int distance = Math.min(Math.abs(hour - 20), 24 - Math.abs(hour - 20));
            double busy = 0.25 + 0.75 * Math.exp(-distance * distance / 18.0);
            TreeMap<Integer, List<Viewer>> sessions = new TreeMap<>();
            for (Viewer v : viewers) {
                if (random.nextDouble() < v.activity() * busy) {
                    sessions.computeIfAbsent(random.nextInt(3_540), s -> new ArrayList<>())
                            .add(v);
                }
            }
            for (Map.Entry<Integer, List<Viewer>> at : sessions.entrySet()) {
                clock.set(hourStart.plusSeconds(at.getKey()));
                for (Viewer v : at.getValue()) {
                    watch(v);
                }
            }
            clock.set(hourStart.plus(Duration.ofMinutes(59)));
            settlePending();
            refundSome();
            liability.add(coinLiability());
            progress.accept(settings.viewers());
        }
        // A week later: the hold window has passed, the host's scheduler releases the day's earnings.
        clock.set(START.plus(Duration.ofHours(settings.hours()))
                .plus(definition.earnings().holdWindow())
                .plus(Duration.ofHours(1)));
        coinage.holds().releaseDueHolds();
        cashOut();
        LedgerSnapshot end = coinage.store().snapshot();
        Map<LedgerUnit, Long> totals = new EnumMap<>(LedgerUnit.class);
        for (LedgerUnit unit : LedgerUnit.values()) {
            totals.put(unit, end.total(unit));
        }
        return tally.figures(liability, totals);
    }

    private void watch(Viewer v) {
        UserId creator = creators.get(Zipf.pick(random, creators.size(), 0.9));
        String live = "live-" + creator.value() + "-" + clock.instant().getEpochSecond() / 3_600;
        // What the viewer means to spend in this session; a session ends when it is spent, or after 40 taps.
        double budget = v.appetite() * (0.2 + 0.8 * random.nextDouble());
        long spent = 0;
        List<Gift> affordable = gifts.stream()
                .filter(g -> g.coins() <= Math.max(1, v.appetite()))
                .toList();
        if (affordable.isEmpty()) {
            affordable = gifts.subList(0, 1);
        }
        for (int a = 0; a < 40 && spent < budget; a++) {
            Gift gift = affordable.get(Zipf.pick(random, affordable.size(), 1.0));
            boolean streak = gift.combo() && random.nextDouble() < 0.35;
            long count = gift.combo() && !streak ? 1 + random.nextInt(5) : 1;
            int streakLength = streak ? 2 + random.nextInt(11) : 1;
            long needed = gift.coins() * count * streakLength;
            if (coinage.coins(v.id()).amount() < needed && !recharge(v, needed) && random.nextDouble() < 0.7) {
                return; // otherwise the viewer taps anyway, and Coinage refuses the gift
            }
            try {
                if (streak) {
                    List<GiftRequest> combo = new ArrayList<>();
                    for (int t = 0; t < streakLength; t++) {
                        combo.add(request(v, creator, gift, live, 1));
                    }
                    coinage.gifts().sendAll(combo);
                    tally.combos++;
                    spent += needed;
                } else {
                    GiftRequest request = request(v, creator, gift, live, count);
                    coinage.gifts().send(request);
                    spent += needed;
                    if (random.nextDouble() < 0.02) {
                        // A flaky connection: the app sends the same tap again; it is answered, not charged twice.
                        if (coinage.gifts().send(request).replay()) {
                            tally.replays++;
                        }
                    }
                }
            } catch (CoinageException refused) {
                tally.refusals.merge(refused.getClass().getSimpleName(), 1, Integer::sum);
                return;
            }
        }
    }

    private GiftRequest request(Viewer v, UserId creator, Gift gift, String live, long count) {
        return GiftRequest.live(IdempotencyKey.of("tap-" + ++taps), v.id(), creator, gift.id(), live)
                .withCount(count);
    }

    /** Buys a package that covers what the viewer wants to spend; false if the viewer does not buy now. */
    private boolean recharge(Viewer v, long needed) {
        if (v.purchases >= 4 || random.nextDouble() < 0.25) {
            return false;
        }
        v.purchases++;
        List<CoinPackage> offer = definition
                .priceTables()
                .asOf(clock.instant())
                .flatMap(t -> t.offer(v.channel()))
                .map(o -> o.packages().stream()
                        .filter(p -> p.price(currency).isPresent())
                        .sorted(Comparator.comparingLong(CoinPackage::coins))
                        .toList())
                .orElse(List.of());
        if (offer.isEmpty()) {
            return false;
        }
        double want = Math.max(needed, v.appetite());
        CoinPackage chosen =
                offer.stream().filter(p -> p.totalCoins() >= want).findFirst().orElse(offer.get(offer.size() - 1));
        RechargeQuote quote = coinage.quotes().quotePackage(v.id(), v.channel(), chosen.id(), currency, v.region);
        String order = "order-" + ++orders;
        try {
            if (ChannelId.WEB.equals(v.channel())) {
                double u = random.nextDouble();
                if (u < 0.03) {
                    psp.then(PaymentResult.Status.FAILED);
                } else if (u < 0.15) {
                    psp.then(PaymentResult.Status.PENDING);
                }
                RechargeReceipt receipt = coinage.recharges().charge(quote, IdempotencyKey.of(order));
                // The provider names the payment: it is known once the charge returns, after a payment that
                // succeeded at once was credited.
                purchases.put(receipt.purchase(), new Purchase(receipt.purchase(), quote));
                if (receipt.status() == RechargeReceipt.Status.PENDING) {
                    pending.add(receipt.purchase());
                    tally.pendingPayments++;
                    return false;
                }
            } else {
                String purchase =
                        Recharges.receiptPurchase(v.channel(), v.channel().value() + "-txn-" + orders);
                purchases.put(purchase, new Purchase(purchase, quote));
                coinage.recharges()
                        .creditReceipt(new AppStoreReceipt(
                                v.id(),
                                v.channel(),
                                v.channel().value() + "-txn-" + orders,
                                quote.packageId().orElseThrow(),
                                // The store's receipt carries the price it listed the product at.
                                coinage.quotes()
                                        .packagePrice(
                                                v.channel(),
                                                quote.packageId().orElseThrow(),
                                                quote.gross().getCurrency(),
                                                quote.region(),
                                                quote.quotedAt())
                                        .price(),
                                quote.region(),
                                quote.quotedAt()));
            }
        } catch (PaymentFailedException declined) {
            tally.declinedPayments++;
            return false;
        }
        return coinage.coins(v.id()).amount() >= needed;
    }

    private void settlePending() {
        for (String p : pending) {
            boolean captured = random.nextDouble() < 0.9;
            psp.settle(p, captured);
            if (!captured) {
                tally.declinedPayments++;
            }
        }
        pending.clear();
        tally.webhooksDelivered += psp.deliver(coinage.recharges(), FakePaymentGateway.Delivery.SHUFFLED, random)
                .size();
    }

    private void refundSome() {
        for (Purchase p : List.copyOf(purchases.values())) {
            if (!tally.credited.contains(p.id) || p.refunded) {
                continue;
            }
            double u = random.nextDouble();
            if (u >= 0.0015) {
                continue;
            }
            RefundKind kind = u < 0.0005 ? RefundKind.CHARGEBACK : RefundKind.REFUND;
            String refundId = "refund-" + ++refundIds;
            p.refunded = true;
            if (ChannelId.WEB.equals(p.quote.channel())) {
                psp.refund(p.id, refundId, null, kind == RefundKind.CHARGEBACK);
                tally.webhooksDelivered += psp.deliver(coinage.recharges(), FakePaymentGateway.Delivery.TWICE, random)
                        .size();
            } else {
                coinage.recharges().refund(RefundRequest.full(refundId, p.id, kind));
            }
        }
    }

    private long coinLiability() {
        return coinage.store().snapshot().balances().entrySet().stream()
                .filter(e -> e.getKey().type() == AccountType.USER_COINS)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private void cashOut() {
        long minimum = definition.cashOut().minimumDiamonds();
        long dailyCap = definition.cashOut().diamondsWithin(definition.cashOut().dailyCap());
        List<String> submitted = new ArrayList<>();
        for (UserId creator : creators) {
            long available = coinage.earnings(creator).availableDiamonds();
            if (available >= minimum) {
                Payout payout = coinage.cashOuts()
                        .request(
                                coinage.cashOuts().quote(creator, Math.min(available, dailyCap)),
                                IdempotencyKey.of("cash-out-" + creator.value()));
                if (payout.status() == PayoutStatus.IN_REVIEW) {
                    // Large cash-outs wait for a person at the platform; here the reviewer approves them.
                    coinage.cashOuts().approve(payout.id());
                }
                coinage.cashOuts().submit(payout.id());
                submitted.add(payout.id());
            }
            progress.accept(1);
        }
        // The provider pays most, fails some; its callbacks arrive twice, as providers retry.
        for (String id : submitted) {
            payoutProvider.settle(id, random.nextDouble() < 0.8);
        }
        payoutProvider.deliver(coinage.cashOuts(), FakePayoutGateway.Delivery.DUPLICATED, random);
        for (String id : submitted) {
            if (coinage.cashOuts().payout(id).orElseThrow().status() == PayoutStatus.PAID
                    && random.nextDouble() < 0.2) {
                payoutProvider.returnPaid(id); // the creator's bank sends the money back days later
            }
        }
        payoutProvider.deliver(coinage.cashOuts(), FakePayoutGateway.Delivery.IN_ORDER, random);
    }

    private static final class Viewer {
        private final UserId id;
        private final double appetite;
        private final double activity;
        private final ChannelId channel;
        private final Region region;
        private int purchases;

        Viewer(UserId id, double appetite, double activity, ChannelId channel, Region region) {
            this.id = id;
            this.region = region;
            this.appetite = appetite;
            this.activity = activity;
            this.channel = channel;
        }

        UserId id() {
            return id;
        }

        double appetite() {
            return appetite;
        }

        double activity() {
            return activity;
        }

        ChannelId channel() {
            return channel;
        }
    }

    private static final class Purchase {
        private final String id;
        private final RechargeQuote quote;
        private boolean refunded;

        Purchase(String id, RechargeQuote quote) {
            this.id = id;
            this.quote = quote;
        }
    }

    /** Zipf's law over ranks 0..n-1: rank k is chosen with weight 1/(k+1)^s. */
    static final class Zipf {
        private Zipf() {}

        static int pick(Random random, int n, double s) {
            double total = 0;
            for (int k = 1; k <= n; k++) {
                total += 1 / Math.pow(k, s);
            }
            double u = random.nextDouble() * total;
            for (int k = 1; k <= n; k++) {
                u -= 1 / Math.pow(k, s);
                if (u <= 0) {
                    return k - 1;
                }
            }
            return n - 1;
        }
    }

    /** Hears what the economy committed and adds it up; called on the simulation's thread. */
    private final class Tally implements CoinageListener {
        private final Map<String, Long> coinsByChannel = new LinkedHashMap<>();
        private final Map<String, MonetaryAmount> salesByChannel = new LinkedHashMap<>();
        private final Map<String, Long> giftsByType = new LinkedHashMap<>();
        private final Map<String, Long> coinsByGiftType = new LinkedHashMap<>();
        private final Map<String, Integer> refusals = new TreeMap<>();
        private final Map<String, Long> creatorDiamonds = new LinkedHashMap<>();
        private final Set<String> credited = new HashSet<>();
        private final Set<String> refunded = new HashSet<>();
        private MonetaryAmount spend;
        private MonetaryAmount tax;
        private MonetaryAmount fees;
        private MonetaryAmount cashedOut;
        private int purchasesCredited;
        private int pendingPayments;
        private int declinedPayments;
        private int webhooksDelivered;
        private long giftsSent;
        private int combos;
        private int replays;
        private int refunds;
        private int chargebacks;
        private long clawedBack;
        private long debt;
        private long partsReversed;
        private int cashOutsRequested;
        private int cashOutsPaid;
        private int cashOutsFailed;
        private int cashOutsReturned;

        private void start() {
            Money zero = Money.of(0, currency);
            spend = zero;
            tax = zero;
            fees = zero;
            cashedOut = zero;
            // In the order of the channels' ids: a definition's map has no order of its own.
            for (var ch : new TreeMap<>(definition.channels().entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(
                                    e -> e.getKey().value(), Map.Entry::getValue)))
                    .values()) {
                coinsByChannel.put(ch.name(), 0L);
                salesByChannel.put(ch.name(), zero);
            }
            for (Gift g : gifts) {
                giftsByType.put(g.name(), 0L);
                coinsByGiftType.put(g.name(), 0L);
            }
        }

        private void book(Purchase p, int sign) {
            RechargeQuote q = p.quote;
            String channel = definition.channels().get(q.channel()).name();
            coinsByChannel.merge(channel, sign * q.totalCoins(), Long::sum);
            MonetaryAmount gross = sign > 0 ? q.gross() : q.gross().negate();
            MonetaryAmount net = sign > 0 ? q.net() : q.net().negate();
            salesByChannel.merge(channel, gross, MonetaryAmount::add);
            spend = spend.add(gross);
            tax = tax.add(gross.subtract(net));
            fees = fees.add(net.multiply(q.storeFeeRate()).with(Monetary.getDefaultRounding()));
        }

        @Override
        public void onCoinsCredited(CoinsCredited event) {
            credited.add(event.receipt().purchase());
        }

        @Override
        public void onGiftSent(GiftSent event) {
            GiftReceipt r = event.receipt();
            String gift = definition.gifts().find(r.gift()).orElseThrow().name();
            giftsByType.merge(gift, r.count(), Long::sum);
            coinsByGiftType.merge(gift, r.coinsSpent(), Long::sum);
            giftsSent += r.count();
        }

        @Override
        public void onRefundApplied(RefundApplied event) {
            var r = event.result();
            if (r.kind() == RefundKind.CHARGEBACK) {
                chargebacks++;
            } else {
                refunds++;
            }
            clawedBack += r.clawedBack();
            debt += r.debt();
            partsReversed += r.reversals().stream().mapToLong(h -> h.parts()).sum();
            refunded.add(r.purchase());
        }

        @Override
        public void onHoldReleased(HoldReleased event) {
            creatorDiamonds.merge(event.creator().value(), event.diamondsMinted(), Long::sum);
        }

        @Override
        public void onCashOutRequested(CashOutEvent event) {
            cashOutsRequested++;
        }

        @Override
        public void onCashOutPaid(CashOutEvent event) {
            cashOutsPaid++;
            cashedOut = cashedOut.add(event.payout().quote().net());
        }

        @Override
        public void onCashOutFailed(CashOutEvent event) {
            cashOutsFailed++;
        }

        @Override
        public void onCashOutReturned(CashOutEvent event) {
            cashOutsReturned++;
            cashOutsPaid--;
            cashedOut = cashedOut.subtract(event.payout().quote().net());
        }

        DayFigures figures(List<Long> liability, Map<LedgerUnit, Long> totals) {
            for (Purchase p : purchases.values()) {
                if (!credited.contains(p.id)) {
                    continue;
                }
                purchasesCredited++;
                book(p, 1);
                if (refunded.contains(p.id)) {
                    book(p, -1);
                }
            }
            Map<String, Long> diamonds = new LinkedHashMap<>();
            for (UserId c : creators) {
                diamonds.put(c.value(), creatorDiamonds.getOrDefault(c.value(), 0L));
            }
            long minted = diamonds.values().stream().mapToLong(Long::longValue).sum();
            MonetaryAmount earnings = definition
                    .earnings()
                    .diamondValue()
                    .multiply(BigDecimal.valueOf(minted))
                    .with(Monetary.getDefaultRounding());
            long coinsSold =
                    coinsByChannel.values().stream().mapToLong(Long::longValue).sum();
            long held = liability.isEmpty() ? 0 : Math.max(0, liability.get(liability.size() - 1));
            MonetaryAmount unspent = coinsSold == 0
                    ? spend.multiply(0)
                    : spend.subtract(tax).multiply(held).divide(coinsSold).with(Monetary.getDefaultRounding());
            MonetaryAmount take =
                    spend.subtract(tax).subtract(fees).subtract(earnings).subtract(unspent);
            return new DayFigures(
                    name,
                    settings,
                    new LinkedHashMap<>(coinsByChannel),
                    new LinkedHashMap<>(salesByChannel),
                    purchasesCredited,
                    pendingPayments,
                    declinedPayments,
                    webhooksDelivered,
                    new LinkedHashMap<>(giftsByType),
                    new LinkedHashMap<>(coinsByGiftType),
                    giftsSent,
                    combos,
                    replays,
                    new TreeMap<>(refusals),
                    diamonds,
                    spend,
                    tax,
                    fees,
                    earnings,
                    unspent,
                    take,
                    refunds,
                    chargebacks,
                    clawedBack,
                    debt,
                    partsReversed,
                    List.copyOf(liability),
                    cashOutsRequested,
                    cashOutsPaid,
                    cashOutsFailed,
                    cashOutsReturned,
                    cashedOut,
                    totals);
        }
    }
}
