package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ChannelOffer;
import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.CustomAmountOffer;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.PriceRounding;
import dev.coinage.catalog.PriceTable;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.SalesChannel;
import dev.coinage.catalog.TaxDisplay;
import dev.coinage.catalog.TaxRule;
import dev.coinage.core.UserId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * Makes and checks recharge quotes from an economy definition.
 *
 * <p>A price is found in four steps, all as of the quote's instant: the price table in force; the channel's package
 * (or custom-amount offer); the price point in the asked currency if the package has one, otherwise the base-currency
 * price times the exchange rate, rounded by the currency's {@link PriceRounding}; and the region's tax, either
 * extracted from the price (tax-inclusive display) or added to it (tax-exclusive display).
 *
 * <p>Quotes are checked by re-derivation: {@link #verify(RechargeQuote)} makes the quote again from the request it
 * records (user, channel, package or amount, currency, region, instant) and refuses it unless every figure, the table
 * version and the rate are the same; the re-derived quote explains the figures. With a {@linkplain
 * Builder#sealingKey(byte[]) sealing key}, every quote also carries an HMAC over all its fields, which binds the
 * request fields that re-derivation has to take on trust. Time comes from the {@link Clock} passed in.
 *
 * <p>Currency units are those the definition looked up when it was loaded; a quote performs no {@code
 * ServiceLoader} or Moneta factory lookup.
 *
 * <p>This class is immutable and thread-safe if its rates port and quote-id supplier are.
 */
public final class RechargeQuoter {
    /** How long a quote stays executable unless the builder says otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(15);

    private final EconomyDefinition definition;
    private final ExchangeRates rates;
    private final Clock clock;
    private final Duration validity;
    private final Supplier<QuoteId> quoteIds;
    private final CurrencyUnit base;
    private final QuoteSealer sealer;

    private RechargeQuoter(Builder b) {
        this.definition = b.definition;
        this.rates = b.rates == null ? ExchangeRates.fixed(b.definition.exchangeRates()) : b.rates;
        this.clock = b.clock;
        this.validity = b.validity;
        this.quoteIds = b.quoteIds;
        this.base = b.definition.baseCurrency();
        this.sealer = b.sealingKey == null ? null : new QuoteSealer(b.sealingKey);
    }

    /**
     * Starts building a quoter for a definition.
     *
     * @param definition the economy, not null
     * @return a builder, never null
     */
    public static Builder builder(EconomyDefinition definition) {
        return new Builder(definition);
    }

    /**
     * Returns the economy this quoter prices.
     *
     * @return the definition, never null
     */
    public EconomyDefinition definition() {
        return definition;
    }

    /**
     * Quotes a fixed package.
     *
     * @param user the buyer, not null
     * @param channel the channel, not null
     * @param packageId the package, not null
     * @param currency the currency to pay in, not null
     * @param region the buyer's region, not null
     * @return the quote, valid from now for the configured validity, never null
     * @throws NoPriceTableException if no price table is in force yet
     * @throws UnknownChannelException if the channel sells nothing under the table in force
     * @throws UnknownPackageException if the channel does not sell the package
     * @throws UnsupportedCurrencyException if the economy does not sell in the currency
     * @throws ExchangeRateUnavailableException if the price must be derived and the rate is missing
     */
    public RechargeQuote quotePackage(
            UserId user, ChannelId channel, PackageId packageId, CurrencyUnit currency, Region region) {
        Objects.requireNonNull(packageId, "packageId");
        return derive(quoteIds.get(), user, channel, packageId, 0, currency, region, clock.instant());
    }

    /**
     * Quotes a custom amount of coins.
     *
     * @param user the buyer, not null
     * @param channel the channel, not null
     * @param coins the amount, within the channel's custom-amount rule
     * @param currency the currency to pay in, not null
     * @param region the buyer's region, not null
     * @return the quote, never null
     * @throws NoPriceTableException if no price table is in force yet
     * @throws UnknownChannelException if the channel sells nothing under the table in force
     * @throws CustomAmountException if the channel sells no custom amounts or not this amount
     * @throws UnsupportedCurrencyException if the economy does not sell in the currency
     * @throws ExchangeRateUnavailableException if the price must be derived and the rate is missing
     */
    public RechargeQuote quoteCustom(UserId user, ChannelId channel, long coins, CurrencyUnit currency, Region region) {
        return derive(quoteIds.get(), user, channel, null, coins, currency, region, clock.instant());
    }

    /**
     * Returns a package as a channel sold it at an instant to a region: its coins, its price point in a currency and
     * the split of the amount into net, tax and store fee, from the price table in force then, exactly as a quote made
     * then would have them. App-store receipts are checked against it.
     *
     * @param channel the channel, not null
     * @param packageId the package, not null
     * @param currency the currency, not null
     * @param region the buyer's region, not null
     * @param at the instant of the sale, not null
     * @return the package's coins and price, never null
     * @throws NoPriceTableException if no price table was in force at that instant
     * @throws UnknownChannelException if the channel sold nothing under that table
     * @throws UnknownPackageException if the channel did not sell the package
     * @throws UnsupportedCurrencyException if the economy does not sell in the currency
     * @throws ExchangeRateUnavailableException if the price must be derived and the rate is missing
     */
    public PackagePrice packagePrice(
            ChannelId channel, PackageId packageId, CurrencyUnit currency, Region region, Instant at) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(at, "at");
        PriceRounding rounding = definition.currencies().get(currency.getCurrencyCode());
        if (rounding == null) {
            throw new UnsupportedCurrencyException(currency.getCurrencyCode());
        }
        PriceTable table = definition.priceTables().asOf(at).orElseThrow(() -> new NoPriceTableException(at));
        ChannelOffer offer = table.offer(channel).orElseThrow(() -> new UnknownChannelException(channel));
        CoinPackage p = offer.find(packageId).orElseThrow(() -> new UnknownPackageException(channel, packageId));
        CurrencyUnit unit = rounding.currency();
        BigDecimal price = p.price(unit)
                .map(m -> m.getNumber().numberValueExact(BigDecimal.class))
                .orElseGet(() -> rounding.toPricePoint(p.price(base)
                        .orElseThrow()
                        .getNumber()
                        .numberValueExact(BigDecimal.class)
                        .multiply(rate(unit, at).factor())));
        int digits = unit.getDefaultFractionDigits();
        price = price.setScale(digits, RoundingMode.UNNECESSARY);
        BigDecimal[] split = split(price, definition.taxes().forRegion(region), digits);
        BigDecimal fee = split[0].multiply(definition.channels().get(channel).storeFeeRate())
                .setScale(digits, RoundingMode.HALF_UP);
        return new PackagePrice(
                channel,
                packageId,
                p.coins(),
                p.bonusCoins(),
                Money.of(price, unit),
                region,
                Money.of(split[0], unit),
                Money.of(split[1], unit),
                Money.of(split[2], unit),
                Money.of(fee, unit),
                table.effectiveFrom());
    }

    /** Net, tax and gross of a price point under a tax rule, as every quote computes them. */
    private static BigDecimal[] split(BigDecimal price, TaxRule taxRule, int digits) {
        BigDecimal net;
        BigDecimal tax;
        BigDecimal gross;
        if (taxRule.display() == TaxDisplay.INCLUSIVE) {
            gross = price;
            net = gross.divide(BigDecimal.ONE.add(taxRule.rate()), digits, RoundingMode.HALF_UP);
            tax = gross.subtract(net);
        } else {
            net = price;
            tax = net.multiply(taxRule.rate()).setScale(digits, RoundingMode.HALF_UP);
            gross = net.add(tax);
        }
        return new BigDecimal[] {net, tax, gross};
    }

    /**
     * Converts an amount to the economy's base currency at the exchange rate in force at an instant: how a purchase in
     * another currency is counted against spending limits set in the base currency.
     *
     * @param amount the amount, not null
     * @param at the instant whose rate applies, not null
     * @return the amount in the base currency (16 significant digits), empty if no rate for its currency was in force
     */
    public Optional<BigDecimal> toBase(MonetaryAmount amount, Instant at) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        BigDecimal number = amount.getNumber().numberValue(BigDecimal.class);
        if (amount.getCurrency().getCurrencyCode().equals(base.getCurrencyCode())) {
            return Optional.of(number);
        }
        try {
            FxRate rate = rate(amount.getCurrency(), at);
            return Optional.of(number.divide(rate.factor(), java.math.MathContext.DECIMAL64));
        } catch (ExchangeRateUnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks that a quote may be executed now: it is exactly the quote this economy makes for the request it records,
     * and it has not expired. The recharge use case calls this before charging.
     *
     * @param quote the presented quote, not null
     * @return the same quote, never null
     * @throws QuoteMismatchException if a figure, the table version, the rate or the expiry differs from the
     *     re-derived quote, or the quote names something that does not exist
     * @throws QuoteExpiredException if the quote is genuine but now is at or after its expiry
     * @throws ExchangeRateUnavailableException if the rate the quote used can no longer be obtained
     */
    public RechargeQuote verify(RechargeQuote quote) {
        Objects.requireNonNull(quote, "quote");
        Instant now = clock.instant();
        RechargeQuote expected;
        try {
            expected = derive(
                    quote.id(),
                    quote.user(),
                    quote.channel(),
                    quote.packageId().orElse(null),
                    quote.paidCoins(),
                    quote.currency(),
                    quote.region(),
                    quote.quotedAt());
        } catch (NoPriceTableException
                | UnknownChannelException
                | UnknownPackageException
                | CustomAmountException
                | UnsupportedCurrencyException e) {
            throw new QuoteMismatchException(quote.id(), "terms", describe(quote), e.getMessage());
        }
        // Compare values first and build texts only for a mismatch: verification runs before every charge.
        if (quote.paidCoins() != expected.paidCoins()) {
            throw mismatch(quote, "paidCoins", quote.paidCoins(), expected.paidCoins());
        }
        if (quote.bonusCoins() != expected.bonusCoins()) {
            throw mismatch(quote, "bonusCoins", quote.bonusCoins(), expected.bonusCoins());
        }
        compareAmounts(quote, "net", quote.net(), expected.net());
        compareAmounts(quote, "tax", quote.tax(), expected.tax());
        compareAmounts(quote, "gross", quote.gross(), expected.gross());
        if (quote.storeFeeRate().compareTo(expected.storeFeeRate()) != 0) {
            throw mismatch(quote, "storeFeeRate", plain(quote.storeFeeRate()), plain(expected.storeFeeRate()));
        }
        if (quote.taxRate().compareTo(expected.taxRate()) != 0) {
            throw mismatch(quote, "taxRate", plain(quote.taxRate()), plain(expected.taxRate()));
        }
        if (quote.taxDisplay() != expected.taxDisplay()) {
            throw mismatch(quote, "taxDisplay", quote.taxDisplay(), expected.taxDisplay());
        }
        if (!quote.tableVersion().equals(expected.tableVersion())) {
            throw mismatch(quote, "tableVersion", quote.tableVersion(), expected.tableVersion());
        }
        if (!sameRate(quote.rate(), expected.rate())) {
            throw mismatch(quote, "rate", rate(quote.rate()), rate(expected.rate()));
        }
        if (!quote.expiresAt().equals(expected.expiresAt())) {
            throw mismatch(quote, "expiresAt", quote.expiresAt(), expected.expiresAt());
        }
        // Last: the seal binds what re-derivation takes on trust (id, user, region, quotedAt).
        if (!QuoteSealer.sameSeal(quote.seal(), expected.seal())) {
            throw mismatch(
                    quote,
                    "seal",
                    quote.seal().isPresent() ? "a seal that does not match" : "none",
                    expected.seal().isPresent() ? "the seal of the quoter's key" : "none");
        }
        if (quote.quotedAt().isAfter(now)) {
            throw new QuoteMismatchException(
                    quote.id(), "quotedAt", quote.quotedAt().toString(), "at or before " + now);
        }
        if (!now.isBefore(quote.expiresAt())) {
            throw new QuoteExpiredException(quote.id(), quote.expiresAt(), now);
        }
        return quote;
    }

    private RechargeQuote derive(
            QuoteId id,
            UserId user,
            ChannelId channel,
            PackageId packageId,
            long customCoins,
            CurrencyUnit requested,
            Region region,
            Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(requested, "currency");
        Objects.requireNonNull(region, "region");
        PriceRounding rounding = definition.currencies().get(requested.getCurrencyCode());
        if (rounding == null) {
            throw new UnsupportedCurrencyException(requested.getCurrencyCode());
        }
        CurrencyUnit currency = rounding.currency();
        PriceTable table = definition.priceTables().asOf(at).orElseThrow(() -> new NoPriceTableException(at));
        ChannelOffer offer = table.offer(channel).orElseThrow(() -> new UnknownChannelException(channel));

        long paid;
        long bonus;
        BigDecimal price;
        FxRate rate = null;
        if (packageId != null) {
            CoinPackage p = offer.find(packageId).orElseThrow(() -> new UnknownPackageException(channel, packageId));
            paid = p.coins();
            bonus = p.bonusCoins();
            Optional<MonetaryAmount> explicit = p.price(currency);
            if (explicit.isPresent()) {
                price = explicit.get().getNumber().numberValueExact(BigDecimal.class);
            } else {
                rate = rate(currency, at);
                BigDecimal basePrice = p.price(base).orElseThrow().getNumber().numberValueExact(BigDecimal.class);
                price = rounding.toPricePoint(basePrice.multiply(rate.factor()));
            }
        } else {
            CustomAmountOffer custom =
                    offer.customAmount().orElseThrow(() -> CustomAmountException.notOffered(channel, customCoins));
            if (!custom.allows(customCoins)) {
                throw CustomAmountException.outOfRange(
                        channel, customCoins, custom.minCoins(), custom.maxCoins(), custom.step());
            }
            paid = customCoins;
            bonus = 0;
            Optional<BigDecimal> exact = custom.exactPrice(customCoins, currency);
            if (exact.isPresent()) {
                price = rounding.toMinorUnits(exact.get());
            } else {
                rate = rate(currency, at);
                price = rounding.toMinorUnits(
                        custom.exactPrice(customCoins, base).orElseThrow().multiply(rate.factor()));
            }
        }

        TaxRule taxRule = definition.taxes().forRegion(region);
        int digits = currency.getDefaultFractionDigits();
        price = price.setScale(digits, RoundingMode.UNNECESSARY);
        BigDecimal[] split = split(price, taxRule, digits);
        BigDecimal net = split[0];
        BigDecimal tax = split[1];
        BigDecimal gross = split[2];
        SalesChannel salesChannel = definition.channels().get(channel);
        RechargeQuote unsealed = new RechargeQuote(
                id,
                user,
                channel,
                salesChannel.storeFeeRate(),
                Optional.ofNullable(packageId),
                paid,
                bonus,
                region,
                Money.of(net, currency),
                Money.of(tax, currency),
                Money.of(gross, currency),
                taxRule.rate(),
                taxRule.display(),
                table.effectiveFrom(),
                Optional.ofNullable(rate),
                at,
                at.plus(validity),
                Optional.empty());
        return sealer == null ? unsealed : sealer.seal(unsealed);
    }

    private FxRate rate(CurrencyUnit term, Instant at) {
        Optional<FxRate> found = rates.rate(base, term, at);
        if (found.isEmpty()) {
            throw new ExchangeRateUnavailableException(base.getCurrencyCode(), term.getCurrencyCode(), at);
        }
        FxRate rate = found.get();
        if (!rate.base().getCurrencyCode().equals(base.getCurrencyCode())
                || !rate.term().getCurrencyCode().equals(term.getCurrencyCode())) {
            // A port that answers for another pair is broken; pricing with its answer would be wrong.
            throw new ExchangeRateUnavailableException(base.getCurrencyCode(), term.getCurrencyCode(), at);
        }
        return rate;
    }

    private static QuoteMismatchException mismatch(
            RechargeQuote quote, String field, Object presented, Object expected) {
        return new QuoteMismatchException(quote.id(), field, presented.toString(), expected.toString());
    }

    private static void compareAmounts(
            RechargeQuote quote, String field, MonetaryAmount presented, MonetaryAmount expected) {
        boolean same = presented
                        .getCurrency()
                        .getCurrencyCode()
                        .equals(expected.getCurrency().getCurrencyCode())
                && number(presented).compareTo(number(expected)) == 0;
        if (!same) {
            throw mismatch(quote, field, amount(presented), amount(expected));
        }
    }

    private static boolean sameRate(Optional<FxRate> presented, Optional<FxRate> expected) {
        if (presented.isEmpty() || expected.isEmpty()) {
            return presented.isEmpty() && expected.isEmpty();
        }
        FxRate p = presented.get();
        FxRate e = expected.get();
        return p.base().getCurrencyCode().equals(e.base().getCurrencyCode())
                && p.term().getCurrencyCode().equals(e.term().getCurrencyCode())
                && p.factor().compareTo(e.factor()) == 0
                && p.asOf().equals(e.asOf())
                && p.source().equals(e.source());
    }

    private static BigDecimal number(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    private static String amount(MonetaryAmount amount) {
        return amount.getCurrency().getCurrencyCode() + " " + plain(number(amount));
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String rate(Optional<FxRate> rate) {
        return rate.map(r -> r.base().getCurrencyCode() + "/" + r.term().getCurrencyCode() + " " + plain(r.factor())
                        + " as of " + r.asOf() + " (" + r.source() + ")")
                .orElse("none");
    }

    private static String describe(RechargeQuote quote) {
        return quote.channel() + "/" + quote.packageId().map(PackageId::value).orElse(quote.paidCoins() + " coins")
                + " in " + quote.currency().getCurrencyCode() + " as of " + quote.quotedAt();
    }

    /**
     * Builds a {@link RechargeQuoter}. A clock is required: Coinage never reads the system clock by itself.
     *
     * <p>Instances are not thread-safe.
     */
    public static final class Builder {
        private final EconomyDefinition definition;
        private ExchangeRates rates;
        private Clock clock;
        private Duration validity = DEFAULT_VALIDITY;
        private Supplier<QuoteId> quoteIds = QuoteId::random;
        private byte[] sealingKey;

        private Builder(EconomyDefinition definition) {
            this.definition = Objects.requireNonNull(definition, "definition");
        }

        /**
         * Sets the rates port. Without one, the definition's own fixed rates are used.
         *
         * @param rates the port, not null
         * @return this builder
         */
        public Builder rates(ExchangeRates rates) {
            this.rates = Objects.requireNonNull(rates, "rates");
            return this;
        }

        /**
         * Sets the clock that stamps and expires quotes. Required.
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how long a quote stays executable, {@link #DEFAULT_VALIDITY} unless set.
         *
         * @param validity the validity, positive, not null
         * @return this builder
         * @throws IllegalArgumentException if {@code validity} is zero or negative
         */
        public Builder validity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.isZero() || validity.isNegative()) {
                throw new IllegalArgumentException("validity must be positive: " + validity);
            }
            this.validity = validity;
            return this;
        }

        /**
         * Sets where quote ids come from, {@link QuoteId#random()} unless set.
         *
         * @param quoteIds the id source, not null; it must never return null
         * @return this builder
         */
        public Builder quoteIds(Supplier<QuoteId> quoteIds) {
            this.quoteIds = Objects.requireNonNull(quoteIds, "quoteIds");
            return this;
        }

        /**
         * Seals every quote with an HMAC-SHA256 over all its fields under the host's secret key, and requires the seal
         * on verification. Without a key, verification re-derives the figures but cannot tell whether the quote's id,
         * user, region or instant were changed (see {@code docs/pricing.md}). Every instance that verifies quotes must
         * have the same key.
         *
         * @param key the secret key, at least 32 bytes, copied, not null
         * @return this builder
         * @throws IllegalArgumentException if the key is shorter than 32 bytes
         */
        public Builder sealingKey(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < QuoteSealer.MIN_KEY_BYTES) {
                throw new IllegalArgumentException(
                        "sealing key must be at least " + QuoteSealer.MIN_KEY_BYTES + " bytes, was " + key.length);
            }
            this.sealingKey = key.clone();
            return this;
        }

        /**
         * Builds the quoter.
         *
         * @return the quoter, never null
         * @throws IllegalStateException if no clock was set
         */
        public RechargeQuoter build() {
            if (clock == null) {
                throw new IllegalStateException("a clock is required: call clock(Clock)");
            }
            return new RechargeQuoter(this);
        }
    }
}
