package dev.coinage;

import dev.coinage.core.Coins;
import dev.coinage.core.Diamonds;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOuts;
import dev.coinage.earnings.CreatorEarnings;
import dev.coinage.earnings.HoldReleases;
import dev.coinage.event.CoinageListener;
import dev.coinage.event.CoinageMetrics;
import dev.coinage.gift.Gifting;
import dev.coinage.ledger.AccountId;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExchangeRates;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.recharge.DebtPolicy;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.RefundOrder;
import dev.coinage.reports.FinanceReports;
import dev.coinage.reports.ReportSettings;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.spi.PaymentRequest;
import dev.coinage.spi.PaymentResult;
import dev.coinage.spi.PayoutGateway;
import dev.coinage.spi.PayoutRequest;
import dev.coinage.spi.PayoutResult;
import dev.coinage.spi.UserLimits;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * One economy: its definition, its ledger and the host's ports, wired once. Everything a host does goes through the
 * use cases it hands out — {@link #quotes()} and {@link #recharges()} to sell coins, {@link #gifts()} to spend them,
 * {@link #holds()} to release creators' earnings, {@link #cashOuts()} to pay them — and the reads {@link #coins},
 * {@link #diamonds} and {@link #earnings}.
 *
 * <pre>{@code
 * Coinage coinage = Coinage.builder()
 *         .definition(EconomyJson.read(Path.of("economy.json")))
 *         .store(PostgresLedgerStore.create(dataSource))   // default: in memory
 *         .members(members)
 *         .payments(gateway)
 *         .build();
 * }</pre>
 *
 * <p>Economies are independent: two built in one JVM share nothing unless given the same store. Every use case reads
 * the time from the one clock given to the builder.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Coinage {
    private final Builder settings;
    private final EconomyDefinition definition;
    private final LedgerStore store;
    private final Clock clock;
    private final RechargeQuoter quotes;
    private final Recharges recharges;
    private final Gifting gifts;
    private final HoldReleases holds;
    private final CashOuts cashOuts;

    private Coinage(Builder b, LedgerStore store) {
        this.settings = b.copy();
        this.settings.store = store;
        if (b.metrics != null) {
            store = Objects.requireNonNull(b.metrics.instrument(store), "the store metrics.instrument returned");
        }
        this.definition = b.definition;
        this.store = store;
        this.clock = b.clock;
        CoinageListener listener = b.metrics == null ? b.listener : CoinageMetrics.alongside(b.listener, b.metrics);
        RechargeQuoter.Builder quoter = RechargeQuoter.builder(definition).clock(clock);
        if (b.rates != null) {
            quoter.rates(b.rates);
        }
        if (b.quoteValidity != null) {
            quoter.validity(b.quoteValidity);
        }
        if (b.sealingKey != null) {
            quoter.sealingKey(b.sealingKey);
        }
        this.quotes = quoter.build();
        Recharges.Builder recharge = Recharges.builder(quotes, store, b.payments == null ? NO_PAYMENTS : b.payments)
                .clock(clock)
                .listener(listener);
        if (b.debtPolicy != null) {
            recharge.debtPolicy(b.debtPolicy);
        }
        if (b.refundOrder != null) {
            recharge.refundOrder(b.refundOrder);
        }
        recharge.abuse(b.abuse);
        this.recharges = recharge.build();
        Gifting.Builder gift = Gifting.builder(definition, store)
                .members(b.members)
                .clock(clock)
                .listener(listener)
                .abuse(b.abuse);
        if (b.userLimits != null) {
            gift.userLimits(b.userLimits);
        }
        this.gifts = gift.build();
        this.holds = HoldReleases.of(definition, store, clock, listener);
        this.cashOuts = CashOuts.of(
                definition,
                store,
                b.members,
                b.payouts == null ? NO_PAYOUTS : b.payouts,
                b.rates == null ? ExchangeRates.fixed(definition.exchangeRates()) : b.rates,
                clock,
                listener);
    }

    private static final PaymentGateway NO_PAYMENTS = new PaymentGateway() {
        @Override
        public PaymentResult charge(PaymentRequest request) {
            throw new IllegalStateException(
                    "this economy has no payment gateway: build it with Coinage.builder().payments(gateway)");
        }
    };

    private static final PayoutGateway NO_PAYOUTS = new PayoutGateway() {
        @Override
        public PayoutResult submit(PayoutRequest request) {
            throw new IllegalStateException(
                    "this economy has no payout gateway: build it with Coinage.builder().payouts(gateway)");
        }

        @Override
        public PayoutResult status(String payoutId) {
            throw new IllegalStateException(
                    "this economy has no payout gateway: build it with Coinage.builder().payouts(gateway)");
        }
    };

    /**
     * Starts the definition of an economy.
     *
     * @return a new builder, never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder with this economy's definition, store, ports and clock, to build another view of the same
     * economy, such as one with another clock or listener.
     *
     * @return a new builder, never null
     */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * The economy's definition: channels, price tables, gifts, earnings, limits.
     *
     * @return the definition, never null
     */
    public EconomyDefinition definition() {
        return definition;
    }

    /**
     * The ledger this economy writes to.
     *
     * @return the store, never null
     */
    public LedgerStore store() {
        return store;
    }

    /**
     * The clock every use case of this economy reads.
     *
     * @return the clock, never null
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Prices coin packages and custom amounts as expiring, verifiable quotes.
     *
     * @return the quoter, never null
     */
    public RechargeQuoter quotes() {
        return quotes;
    }

    /**
     * Buys coins: charges quotes, takes webhooks and app-store receipts, applies refunds and chargebacks.
     *
     * @return the recharge use case, never null
     */
    public Recharges recharges() {
        return recharges;
    }

    /**
     * Sends gifts and keeps members' spending caps.
     *
     * @return the gift use case, never null
     */
    public Gifting gifts() {
        return gifts;
    }

    /**
     * Releases creators' held earnings into whole diamonds.
     *
     * @return the hold release use case, never null
     */
    public HoldReleases holds() {
        return holds;
    }

    /**
     * Turns creators' available diamonds into money: quotes, requests, review, payouts through the host's gateway,
     * callbacks, reconciliation and statements.
     *
     * @return the cash-out use case, never null
     */
    public CashOuts cashOuts() {
        return cashOuts;
    }

    /**
     * Finance reports of this economy's ledger: coin liability, revenue, creators' payables, breakage, periods.
     *
     * @param settings the zone, breakage rate and dormancy of the reports, not null (see {@link ReportSettings#defaults})
     * @return the reports, never null
     */
    public FinanceReports reports(ReportSettings settings) {
        return FinanceReports.of(definition(), store, settings);
    }

    /**
     * A creator's earnings: parts on hold, parts carried, whole diamonds available and reserved by cash-outs; zeros
     * for a creator who never earned anything.
     *
     * @param creator the creator, not null
     * @return the earnings, never null
     */
    public CreatorEarnings earnings(UserId creator) {
        return cashOuts.earnings(creator);
    }

    /**
     * A member's coin balance: zero for a member never credited, negative only while a refund of spent coins is
     * owed.
     *
     * @param member the member, not null
     * @return the balance, never null
     */
    public Coins coins(UserId member) {
        return Coins.of(balanceOrZero(AccountId.userCoins(Objects.requireNonNull(member, "member"))));
    }

    /**
     * A creator's whole diamonds available for cash-out: zero for a creator who never earned any. Diamond parts still
     * on hold, or released but not making a whole diamond yet, are not counted.
     *
     * @param creator the creator, not null
     * @return the diamonds, never null
     */
    public Diamonds diamonds(UserId creator) {
        return Diamonds.of(balanceOrZero(AccountId.creatorDiamonds(Objects.requireNonNull(creator, "creator"))));
    }

    private long balanceOrZero(AccountId account) {
        return store.exists(account) ? store.balance(account) : 0;
    }

    @Override
    public String toString() {
        return "Coinage[base currency " + definition.baseCurrency() + ", store "
                + store.getClass().getSimpleName() + "]";
    }

    /**
     * Collects the parts of one economy and checks them when {@link #build()} is called. Only the definition and the
     * members port are required. Instances are not thread-safe.
     */
    public static final class Builder {
        private EconomyDefinition definition;
        private LedgerStore store;
        private Members members;
        private PaymentGateway payments;
        private PayoutGateway payouts;
        private UserLimits userLimits;
        private ExchangeRates rates;
        private Clock clock = Clock.systemUTC();
        private CoinageListener listener = new CoinageListener() {};
        private DebtPolicy debtPolicy;
        private RefundOrder refundOrder;
        private Duration quoteValidity;
        private byte[] sealingKey;
        private CoinageMetrics metrics;
        private AbusePolicy abuse = AbusePolicy.none();

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.definition = definition;
            b.store = store;
            b.members = members;
            b.payments = payments;
            b.payouts = payouts;
            b.userLimits = userLimits;
            b.rates = rates;
            b.clock = clock;
            b.listener = listener;
            b.debtPolicy = debtPolicy;
            b.refundOrder = refundOrder;
            b.quoteValidity = quoteValidity;
            b.sealingKey = sealingKey == null ? null : sealingKey.clone();
            b.metrics = metrics;
            b.abuse = abuse;
            return b;
        }

        /**
         * Sets the economy's definition. Required.
         *
         * @param definition the definition, such as one read by {@code EconomyJson.read}, not null
         * @return this builder
         */
        public Builder definition(EconomyDefinition definition) {
            this.definition = Objects.requireNonNull(definition, "definition");
            return this;
        }

        /**
         * Sets the ledger store. By default a new in-memory store, which is right for tests, demos and a single JVM
         * that may lose its ledger; production hosts pass a durable store such as {@code PostgresLedgerStore}.
         *
         * @param store the store, not null
         * @return this builder
         */
        public Builder store(LedgerStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets the host's members port: age, region, standing of a member. Required: every gift checks both members.
         *
         * @param members the port, not null
         * @return this builder
         */
        public Builder members(Members members) {
            this.members = Objects.requireNonNull(members, "members");
            return this;
        }

        /**
         * Sets the host's payment gateway, which charges recharge quotes. Without one, app-store receipts and
         * webhooks still work but {@code recharges().charge} fails with an {@link IllegalStateException}.
         *
         * @param payments the gateway, not null
         * @return this builder
         */
        public Builder payments(PaymentGateway payments) {
            this.payments = Objects.requireNonNull(payments, "payments");
            return this;
        }

        /**
         * Sets the host's payout gateway, which sends creators' cash-outs. Without one, quotes, requests and reviews
         * work but submitting a payout fails with an {@link IllegalStateException}.
         *
         * @param payouts the gateway, not null
         * @return this builder
         */
        public Builder payouts(PayoutGateway payouts) {
            this.payouts = Objects.requireNonNull(payouts, "payouts");
            return this;
        }

        /**
         * Sets where members' own spending caps are kept. By default they are kept by the gift use case's default.
         *
         * @param userLimits the port, not null
         * @return this builder
         */
        public Builder userLimits(UserLimits userLimits) {
            this.userLimits = Objects.requireNonNull(userLimits, "userLimits");
            return this;
        }

        /**
         * Sets the exchange rates used to derive prices in currencies without a price point. By default the rates of
         * the definition.
         *
         * @param rates the rates port, not null
         * @return this builder
         */
        public Builder rates(ExchangeRates rates) {
            this.rates = Objects.requireNonNull(rates, "rates");
            return this;
        }

        /**
         * Sets the one clock every use case reads (quotes' expiry, hold periods, limit periods, ages, releases). By
         * default the system clock in UTC.
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the listener told of everything the economy commits. Its failures are logged and never affect the
         * ledger or the caller.
         *
         * @param listener the listener, not null
         * @return this builder
         */
        public Builder listener(CoinageListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets what a refund of coins already spent does to the wallet. By default {@link DebtPolicy#ALLOW_DEBT}.
         *
         * @param debtPolicy the policy, not null
         * @return this builder
         */
        public Builder debtPolicy(DebtPolicy debtPolicy) {
            this.debtPolicy = Objects.requireNonNull(debtPolicy, "debtPolicy");
            return this;
        }

        /**
         * Sets who covers a refunded purchase's spent coins first: the viewer's other coins, or the creators' held
         * earnings those coins paid for. By default {@link RefundOrder#VIEWER_FIRST}. Either way a coin is recovered
         * once.
         *
         * @param refundOrder the order, not null
         * @return this builder
         */
        public Builder refundOrder(RefundOrder refundOrder) {
            this.refundOrder = Objects.requireNonNull(refundOrder, "refundOrder");
            return this;
        }

        /**
         * Sets how long a recharge quote stays valid. By default {@link RechargeQuoter#DEFAULT_VALIDITY}.
         *
         * @param validity the validity, positive, not null
         * @return this builder
         */
        public Builder quoteValidity(Duration validity) {
            this.quoteValidity = Objects.requireNonNull(validity, "validity");
            return this;
        }

        /**
         * Sets the secret that seals quotes, so that a quote handed to a client cannot be altered.
         *
         * @param key the key, at least 32 bytes; copied, not null
         * @return this builder
         */
        public Builder sealingKey(byte[] key) {
            this.sealingKey = Objects.requireNonNull(key, "key").clone();
            return this;
        }

        /**
         * Sets where the economy's metrics go: counts of what it commits and the latency of its store. By default none
         * are recorded. {@code MicrometerMetrics.of(registry)} records them in a Micrometer registry.
         *
         * @param metrics the metrics, not null
         * @return this builder
         */
        public Builder metrics(CoinageMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Sets the abuse rules the economy enforces: gift velocity limits, a hold on large first purchases, flags on
         * circular flows (see {@code docs/reliability.md}). By default {@link AbusePolicy#none()}: every rule off.
         *
         * @param abuse the rules, not null
         * @return this builder
         */
        public Builder abuse(AbusePolicy abuse) {
            this.abuse = Objects.requireNonNull(abuse, "abuse");
            return this;
        }

        /**
         * Builds the economy.
         *
         * @return the economy, never null
         * @throws IllegalStateException if the definition or the members port is missing
         * @throws IllegalArgumentException if a setting is invalid (such as a spending limit in a currency other than
         *     the base currency, or a too-short sealing key); the message says which
         */
        public Coinage build() {
            if (definition == null) {
                throw new IllegalStateException(
                        "an economy needs a definition: call Coinage.builder().definition(EconomyJson.read(path))");
            }
            if (members == null) {
                throw new IllegalStateException("an economy needs the host's members port (age, region, standing):"
                        + " call Coinage.builder().members(user -> Optional.of(profile))");
            }
            return new Coinage(this, store == null ? InMemoryLedgerStore.create() : store);
        }
    }
}
