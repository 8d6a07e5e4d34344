package dev.coinage.reports;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.PageRequest;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.recharge.CoinLot;
import dev.coinage.recharge.PurchaseJournal;
import dev.coinage.spi.LedgerStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * Finance reports read from the ledger, each reconciling exactly with it: the outstanding coin liability at cost,
 * revenue recognised as coins are consumed with the platform's take and creators' payables, dormant balances and
 * estimated breakage, and per-period summaries in the configured zone. See {@code docs/reports.md}.
 *
 * <p>Every paid coin of a purchase is in exactly one state: refunded, recognised (spent on gifts, or used to cover a
 * refund or a debt, and not refunded), or outstanding (unspent). Its purchase's amount is spread over its paid coins in
 * that order — refunded, recognised, outstanding — and each state gets the rounded running total at its last coin less
 * that at its first ({@code round(amount × k / paid)}, half up to the minor unit), so the three figures of a purchase
 * always add up to exactly what the buyer paid. Bonus coins cost nothing.
 *
 * <p>Reports read the whole journal and every lot: they are for finance jobs, never for the request path. This class
 * is thread-safe (it only reads); a report made while the economy runs reflects the ledger at about that time.
 */
public final class FinanceReports {
    private static final Duration[] BANDS = {
        Duration.ZERO, Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(365)
    };

    private final EconomyDefinition definition;
    private final LedgerStore store;
    private final ReportSettings settings;
    private final PurchaseJournal journal;

    private FinanceReports(EconomyDefinition definition, LedgerStore store, ReportSettings settings) {
        this.definition = definition;
        this.store = store;
        this.settings = settings;
        this.journal = PurchaseJournal.of(store);
    }

    /**
     * Returns the reports of an economy's ledger.
     *
     * @param definition the economy, not null
     * @param store its ledger, not null
     * @param settings the zone, breakage rate and dormancy of the reports, not null
     * @return the reports, never null
     */
    public static FinanceReports of(EconomyDefinition definition, LedgerStore store, ReportSettings settings) {
        return new FinanceReports(
                Objects.requireNonNull(definition, "definition"),
                Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Returns the settings the reports use.
     *
     * @return the settings, never null
     */
    public ReportSettings settings() {
        return settings;
    }

    /**
     * Reports the outstanding coin liability: unspent coins at cost, by channel, lot type (paid, bonus) and currency;
     * the totals name every currency purchases were made in, zero where nothing is unspent.
     *
     * @return the liability, never null
     */
    public CoinLiability liability() {
        Map<String, long[]> coins = new TreeMap<>();
        Map<String, BigDecimal> costs = new TreeMap<>();
        Map<String, LiabilityKey> keys = new HashMap<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        Map<String, CurrencyUnit> units = new HashMap<>();
        long all = 0;
        for (PurchaseJournal.Credit c : journal.credits()) {
            CoinLot lot = c.lot();
            Split s = Split.of(lot);
            CurrencyUnit unit = lot.amount().getCurrency();
            units.put(unit.getCurrencyCode(), unit);
            totals.putIfAbsent(unit.getCurrencyCode(), BigDecimal.ZERO);
            for (LotType type : LotType.values()) {
                long n = type == LotType.PAID ? lot.unspentPaid() : lot.unspentBonus();
                if (n == 0) {
                    continue;
                }
                LiabilityKey key = new LiabilityKey(lot.channel(), type, unit);
                String name = key.sortKey();
                keys.put(name, key);
                coins.computeIfAbsent(name, k -> new long[1])[0] += n;
                BigDecimal cost = type == LotType.PAID ? s.outstanding(lot.amount()) : BigDecimal.ZERO;
                costs.merge(name, cost, BigDecimal::add);
                totals.merge(unit.getCurrencyCode(), cost, BigDecimal::add);
                all += n;
            }
        }
        List<LiabilityLine> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> e : coins.entrySet()) {
            LiabilityKey key = keys.get(e.getKey());
            lines.add(new LiabilityLine(
                    key.channel(), key.type(), e.getValue()[0], Money.of(costs.get(e.getKey()), key.currency())));
        }
        Map<String, MonetaryAmount> money = new TreeMap<>();
        totals.forEach((code, sum) -> money.put(code, Money.of(sum, units.get(code))));
        return new CoinLiability(lines, money, all, debt());
    }

    /**
     * Reports revenue per currency (sold, refunded, recognised, outstanding; the tax, store fee and net revenue in what
     * was recognised), what creators earned and are owed, and the platform's take.
     *
     * @return the report, never null
     */
    public RevenueReport revenue() {
        Map<String, Revenue> byCurrency = new TreeMap<>();
        for (PurchaseJournal.Credit c : journal.credits()) {
            CoinLot lot = c.lot();
            Split s = Split.of(lot);
            Revenue r = byCurrency.computeIfAbsent(
                    lot.amount().getCurrency().getCurrencyCode(),
                    k -> new Revenue(lot.amount().getCurrency()));
            r.add(s, lot);
        }
        List<RevenueLine> lines = new ArrayList<>();
        for (Revenue r : byCurrency.values()) {
            lines.add(r.line());
        }
        CreatorPayable creators = creators();
        CurrencyUnit valued = definition.earnings().diamondValue().getCurrency();
        Optional<MonetaryAmount> take = Optional.empty();
        boolean oneCurrency = lines.stream().allMatch(l -> l.currency().equals(valued.getCurrencyCode()));
        if (oneCurrency) {
            BigDecimal net = BigDecimal.ZERO;
            for (RevenueLine l : lines) {
                net = net.add(number(l.netRevenue()));
            }
            take = Optional.of(Money.of(net.subtract(number(creators.earned())), valued));
        }
        return new RevenueReport(lines, creators, debt(), take);
    }

    /**
     * Reports dormant balances: unspent coins by the idleness of their wallet (under 30 days, 30 to 90, 90 to 180,
     * 180 to 365, 365 and more) and currency, and the estimated breakage of those idle at least the configured
     * dormancy, at the configured rate.
     *
     * @param asOf the instant idleness is measured at, not null
     * @return the report, never null
     */
    public BreakageReport breakage(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Map<UserId, Instant> lastActive = new HashMap<>();
        Map<String, long[]> band = new TreeMap<>(); // band|currency -> wallets, coins
        Map<String, BigDecimal> bandCost = new HashMap<>();
        Map<String, java.util.Set<UserId>> bandWallets = new HashMap<>();
        Map<String, BigDecimal> dormant = new TreeMap<>();
        Map<String, CurrencyUnit> units = new HashMap<>();
        for (PurchaseJournal.Credit c : journal.credits()) {
            CoinLot lot = c.lot();
            long n = lot.unspentPaid() + lot.unspentBonus();
            if (n == 0) {
                continue;
            }
            Instant active = lastActive.computeIfAbsent(lot.user(), this::lastActivity);
            Duration idle = Duration.between(active, asOf);
            if (idle.isNegative()) {
                idle = Duration.ZERO;
            }
            int b = bandOf(idle);
            CurrencyUnit unit = lot.amount().getCurrency();
            String code = unit.getCurrencyCode();
            units.put(code, unit);
            String key = b + "|" + code;
            BigDecimal cost = Split.of(lot).outstanding(lot.amount());
            band.computeIfAbsent(key, k -> new long[1])[0] += n;
            bandCost.merge(key, cost, BigDecimal::add);
            bandWallets.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(lot.user());
            if (idle.compareTo(settings.dormantAfter()) >= 0) {
                dormant.merge(code, cost, BigDecimal::add);
            }
        }
        List<DormancyLine> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> e : band.entrySet()) {
            int b = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('|')));
            String code = e.getKey().substring(e.getKey().indexOf('|') + 1);
            lines.add(new DormancyLine(
                    BANDS[b],
                    b + 1 < BANDS.length ? Optional.of(BANDS[b + 1]) : Optional.empty(),
                    code,
                    bandWallets.get(e.getKey()).size(),
                    e.getValue()[0],
                    Money.of(bandCost.get(e.getKey()), units.get(code))));
        }
        Map<String, MonetaryAmount> dormantMoney = new TreeMap<>();
        Map<String, MonetaryAmount> breakage = new TreeMap<>();
        dormant.forEach((code, sum) -> {
            CurrencyUnit unit = units.get(code);
            dormantMoney.put(code, Money.of(sum, unit));
            breakage.put(
                    code,
                    Money.of(
                            sum.multiply(settings.breakageRate())
                                    .setScale(unit.getDefaultFractionDigits(), RoundingMode.HALF_UP),
                            unit));
        });
        return new BreakageReport(
                asOf, lines, settings.dormantAfter(), settings.breakageRate(), dormantMoney, breakage);
    }

    /**
     * Summarises sales and refunds per period of the configured zone's calendar: from a day, in steps (a day, a week, a
     * month...), up to another day. Summed over periods that cover the whole history, the figures are the revenue
     * report's sold and refunded.
     *
     * @param from the first day, not null
     * @param to the day after the last, after {@code from}, not null
     * @param step the length of a period, positive (such as {@code Period.ofDays(1)} or {@code Period.ofMonths(1)}),
     *     not null
     * @return the summaries, oldest first, never null
     * @throws IllegalArgumentException if {@code to} is not after {@code from} or the step is not positive
     */
    public List<PeriodSummary> periods(LocalDate from, LocalDate to, Period step) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(step, "step");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from: " + from + ", " + to);
        }
        if (step.isNegative() || step.isZero() || !from.plus(step).isAfter(from)) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plus(step)) {
            starts.add(d);
        }
        List<Map<String, PeriodTally>> tallies = new ArrayList<>();
        List<Instant> bounds = new ArrayList<>();
        for (LocalDate d : starts) {
            tallies.add(new TreeMap<>());
            bounds.add(d.atStartOfDay(settings.zone()).toInstant());
        }
        Instant end = to.atStartOfDay(settings.zone()).toInstant();
        Map<String, CoinLot> lots = new LinkedHashMap<>();
        for (PurchaseJournal.Credit c : journal.credits()) {
            CoinLot lot = c.lot();
            lots.put(lot.purchase(), lot);
            int i = periodOf(bounds, end, c.creditedAt());
            if (i >= 0) {
                tally(tallies.get(i), lot).sold(lot);
            }
        }
        Map<String, Long> refundedSoFar = new HashMap<>();
        for (PurchaseJournal.Refund r : journal.refunds()) {
            CoinLot lot = lots.get(r.purchase());
            if (lot == null) {
                continue;
            }
            long before = refundedSoFar.getOrDefault(r.purchase(), 0L);
            refundedSoFar.put(r.purchase(), before + r.coins());
            int i = periodOf(bounds, end, r.appliedAt());
            if (i >= 0) {
                long p = lot.paidCoins();
                BigDecimal money = Split.share(lot.amount(), Math.min(p, before + r.coins()), p)
                        .subtract(Split.share(lot.amount(), Math.min(p, before), p));
                tally(tallies.get(i), lot).refunded(r.coins(), money);
            }
        }
        List<PeriodSummary> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            LocalDate start = starts.get(i);
            LocalDate next = start.plus(step).isAfter(to) ? to : start.plus(step);
            List<PeriodLine> lines = new ArrayList<>();
            for (PeriodTally t : tallies.get(i).values()) {
                lines.add(t.line());
            }
            out.add(new PeriodSummary(
                    start, next, bounds.get(i), i + 1 < bounds.size() ? bounds.get(i + 1) : end, lines));
        }
        return out;
    }

    private static PeriodTally tally(Map<String, PeriodTally> tallies, CoinLot lot) {
        CurrencyUnit unit = lot.amount().getCurrency();
        return tallies.computeIfAbsent(unit.getCurrencyCode(), k -> new PeriodTally(unit));
    }

    private static int periodOf(List<Instant> bounds, Instant end, Instant at) {
        if (at.isBefore(bounds.get(0)) || !at.isBefore(end)) {
            return -1;
        }
        int i = bounds.size() - 1;
        while (at.isBefore(bounds.get(i))) {
            i--;
        }
        return i;
    }

    private static int bandOf(Duration idle) {
        int b = BANDS.length - 1;
        while (idle.compareTo(BANDS[b]) < 0) {
            b--;
        }
        return b;
    }

    /** When a member's wallet last moved: its newest entry. */
    private Instant lastActivity(UserId user) {
        List<Entry> newest = store.entries(AccountId.userCoins(user), PageRequest.newestFirst(1))
                .entries();
        return newest.isEmpty() ? Instant.EPOCH : newest.get(0).committedAt();
    }

    private long debt() {
        return sum(AccountType.COIN_DEBT);
    }

    private CreatorPayable creators() {
        MonetaryAmount value = definition.earnings().diamondValue();
        long partsPerDiamond = definition.earnings().partsPerDiamond();
        long held = sum(AccountType.CREATOR_HOLD);
        long available = sum(AccountType.CREATOR_DIAMONDS);
        long inPayout =
                sum(AccountType.PAYOUT_REVIEW) + sum(AccountType.PAYOUT_APPROVED) + sum(AccountType.PAYOUT_SUBMITTED);
        long earned = -store.balance(AccountId.system(AccountType.PARTS_ISSUED))
                - store.balance(AccountId.system(AccountType.PARTS_RESIDUE));
        long paidOut = store.balance(AccountId.system(AccountType.DIAMONDS_PAID_OUT));
        return new CreatorPayable(
                held,
                valueOf(held, partsPerDiamond, value),
                available,
                valueOf(available, 1, value),
                inPayout,
                valueOf(inPayout, 1, value),
                earned,
                valueOf(earned, partsPerDiamond, value),
                paidOut,
                valueOf(paidOut, 1, value));
    }

    /** The value of {@code units} at {@code value} per {@code perDiamond} units, half up to the minor unit. */
    private static MonetaryAmount valueOf(long units, long perDiamond, MonetaryAmount value) {
        CurrencyUnit unit = value.getCurrency();
        BigDecimal v = number(value)
                .multiply(BigDecimal.valueOf(units))
                .divide(BigDecimal.valueOf(perDiamond), unit.getDefaultFractionDigits(), RoundingMode.HALF_UP);
        return Money.of(v, unit);
    }

    /** The sum of the balances of every account of a member type. */
    private long sum(AccountType type) {
        long total = 0;
        AccountId after = null;
        while (true) {
            List<AccountId> page = store.nonZeroAccounts(type, after, PageRequest.MAX_SIZE);
            for (AccountId a : page) {
                total = Math.addExact(total, store.balance(a));
            }
            if (page.size() < PageRequest.MAX_SIZE) {
                return total;
            }
            after = page.get(page.size() - 1);
        }
    }

    private static BigDecimal number(MonetaryAmount amount) {
        return amount.getNumber().numberValue(BigDecimal.class);
    }

    /** A liability line's key. */
    private record LiabilityKey(ChannelId channel, LotType type, CurrencyUnit currency) {
        String sortKey() {
            return channel.value() + "|" + type.ordinal() + "|" + currency.getCurrencyCode();
        }
    }

    /**
     * A purchase's paid coins by state, in the order its amount is spread over them: refunded, recognised, outstanding.
     */
    private record Split(long paid, long refunded, long recognised, long outstanding) {
        static Split of(CoinLot lot) {
            long paid = lot.paidCoins();
            long total = paid + lot.bonusCoins();
            long refunded = Math.min(paid, total - lot.refundable());
            long outstanding = lot.unspentPaid();
            return new Split(paid, refunded, paid - refunded - outstanding, outstanding);
        }

        /** The money of the coins at positions {@code [from, to)} of the purchase's paid coins. */
        BigDecimal range(MonetaryAmount amount, long from, long to) {
            return share(amount, to, paid).subtract(share(amount, from, paid));
        }

        BigDecimal refunded(MonetaryAmount amount) {
            return range(amount, 0, refunded);
        }

        BigDecimal recognised(MonetaryAmount amount) {
            return range(amount, refunded, refunded + recognised);
        }

        BigDecimal outstanding(MonetaryAmount amount) {
            return range(amount, paid - outstanding, paid);
        }

        /** {@code round(amount × k / paid)}, half up to the currency's minor unit. */
        static BigDecimal share(MonetaryAmount amount, long k, long paid) {
            int digits = amount.getCurrency().getDefaultFractionDigits();
            if (paid == 0 || k == 0) {
                return BigDecimal.ZERO.setScale(digits);
            }
            return number(amount)
                    .multiply(BigDecimal.valueOf(k))
                    .divide(BigDecimal.valueOf(paid), digits, RoundingMode.HALF_UP);
        }
    }

    /** The running figures of one currency's revenue. */
    private static final class Revenue {
        final CurrencyUnit unit;
        long soldCoins;
        long refundedCoins;
        long recognisedCoins;
        long outstandingCoins;
        BigDecimal sold = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        BigDecimal recognised = BigDecimal.ZERO;
        BigDecimal outstanding = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal fee = BigDecimal.ZERO;

        Revenue(CurrencyUnit unit) {
            this.unit = unit;
        }

        void add(Split s, CoinLot lot) {
            soldCoins += s.paid();
            refundedCoins += s.refunded();
            recognisedCoins += s.recognised();
            outstandingCoins += s.outstanding();
            sold = sold.add(number(lot.amount()));
            refunded = refunded.add(s.refunded(lot.amount()));
            recognised = recognised.add(s.recognised(lot.amount()));
            outstanding = outstanding.add(s.outstanding(lot.amount()));
            tax = tax.add(s.recognised(lot.tax()));
            fee = fee.add(s.recognised(lot.storeFee()));
        }

        RevenueLine line() {
            return new RevenueLine(
                    unit.getCurrencyCode(),
                    soldCoins,
                    Money.of(sold, unit),
                    refundedCoins,
                    Money.of(refunded, unit),
                    recognisedCoins,
                    Money.of(recognised, unit),
                    outstandingCoins,
                    Money.of(outstanding, unit),
                    Money.of(tax, unit),
                    Money.of(fee, unit),
                    Money.of(recognised.subtract(tax).subtract(fee), unit));
        }
    }

    /** The running figures of one currency in one period. */
    private static final class PeriodTally {
        final CurrencyUnit unit;
        long purchases;
        long soldCoins;
        BigDecimal sold = BigDecimal.ZERO;
        long refunds;
        long refundedCoins;
        BigDecimal refunded = BigDecimal.ZERO;

        PeriodTally(CurrencyUnit unit) {
            this.unit = unit;
        }

        void sold(CoinLot lot) {
            purchases++;
            soldCoins += lot.paidCoins() + lot.bonusCoins();
            sold = sold.add(number(lot.amount()));
        }

        void refunded(long coins, BigDecimal money) {
            refunds++;
            refundedCoins += coins;
            refunded = refunded.add(money);
        }

        PeriodLine line() {
            return new PeriodLine(
                    unit.getCurrencyCode(),
                    purchases,
                    soldCoins,
                    Money.of(sold, unit),
                    refunds,
                    refundedCoins,
                    Money.of(refunded, unit));
        }
    }
}
