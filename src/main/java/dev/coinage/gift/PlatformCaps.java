package dev.coinage.gift;

import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.PriceTable;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.NoPriceTableException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * The platform's spending limits in coins: the economy's limits by period, those set in money converted to coins at
 * the price table in force. Conversions are kept per price table version and limit.
 *
 * <p>This class is thread-safe.
 */
final class PlatformCaps {
    private final EconomyDefinition definition;
    private final Map<LimitPeriod, List<SpendingLimit>> limits;
    // The caps by period when every limit is in coins (Long.MAX_VALUE for none), and whether that is so.
    private final long[] fixedCaps;
    private final boolean fixed;
    private final boolean spansInMoney;
    // Fiat caps in coins, per price table version and limit.
    private final Map<FiatCapKey, Long> fiatCaps = new ConcurrentHashMap<>();

    /** Sorts the economy's limits by period; throws IllegalArgumentException if a fiat one is not in the base currency. */
    PlatformCaps(EconomyDefinition definition) {
        this.definition = definition;
        Map<LimitPeriod, List<SpendingLimit>> byPeriod = new EnumMap<>(LimitPeriod.class);
        for (SpendingLimit limit : definition.spendingLimits()) {
            Optional<MonetaryAmount> fiat = limit.fiat();
            if (fiat.isPresent() && !fiat.get().getCurrency().equals(definition.baseCurrency())) {
                throw new IllegalArgumentException("spending limit " + limit + " must be in the base currency "
                        + definition.baseCurrency() + " (coins are priced in it)");
            }
            byPeriod.computeIfAbsent(limit.period(), p -> new ArrayList<>()).add(limit);
        }
        this.limits = byPeriod;
        this.fixedCaps = new long[LimitPeriod.values().length];
        boolean fixed = true;
        for (LimitPeriod period : LimitPeriod.values()) {
            long cap = Long.MAX_VALUE;
            for (SpendingLimit limit : byPeriod.getOrDefault(period, List.of())) {
                OptionalLong coins = limit.coins();
                if (coins.isPresent()) {
                    cap = Math.min(cap, coins.getAsLong());
                } else {
                    fixed = false;
                }
            }
            fixedCaps[period.ordinal()] = cap;
        }
        this.fixed = fixed;
        boolean inMoney = false;
        for (LimitPeriod period : PeriodNames.SPANS) {
            inMoney |= moneyCap(period) != Long.MAX_VALUE;
        }
        this.spansInMoney = inMoney;
    }

    /** Whether a day, week or month limit is set in money, so that a gift must know what its coins cost. */
    boolean hasSpansInMoney() {
        return spansInMoney;
    }

    /** Whether every limit is set in coins, so that no cap depends on the price table in force. */
    boolean isFixed() {
        return fixed;
    }

    /**
     * The platform's cap for a period at an instant, in coins: the lowest of its limits; {@code Long.MAX_VALUE} if it
     * has none.
     */
    long cap(LimitPeriod period, Instant at) {
        if (fixed) {
            return fixedCaps[period.ordinal()];
        }
        long cap = Long.MAX_VALUE;
        for (SpendingLimit limit : limits.getOrDefault(period, List.of())) {
            OptionalLong coins = limit.coins();
            cap = Math.min(cap, coins.isPresent() ? coins.getAsLong() : fiatCap(limit, at));
        }
        return cap;
    }

    /**
     * The platform's cap at cost for a period: the lowest of its limits set in money, in millionths of the base
     * currency; {@code Long.MAX_VALUE} if it has none. Gifts count against it at the cost of the coins they take.
     */
    long moneyCap(LimitPeriod period) {
        long cap = Long.MAX_VALUE;
        for (SpendingLimit limit : limits.getOrDefault(period, List.of())) {
            Optional<MonetaryAmount> fiat = limit.fiat();
            if (fiat.isPresent()) {
                BigDecimal micros = fiat.get()
                        .getNumber()
                        .numberValue(BigDecimal.class)
                        .movePointRight(6)
                        .setScale(0, RoundingMode.FLOOR);
                cap = Math.min(
                        cap,
                        micros.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
                                ? Long.MAX_VALUE
                                : micros.longValueExact());
            }
        }
        return cap;
    }

    /** The base currency, in which limits set in money are counted. */
    CurrencyUnit baseCurrency() {
        return definition.baseCurrency();
    }

    /** The platform's caps in coins by period, for the periods that have one. */
    Map<LimitPeriod, Long> all(Instant at) {
        Map<LimitPeriod, Long> caps = new EnumMap<>(LimitPeriod.class);
        for (LimitPeriod period : limits.keySet()) {
            caps.put(period, cap(period, at));
        }
        return caps;
    }

    /**
     * A fiat cap in coins: the most coins the cap's money buys at the lowest per-coin price (bonus coins included)
     * among the fixed packages of the price table in force. It bounds the coins spent, whatever they cost (bonus coins
     * cost nothing); the money itself is counted at cost by {@link #moneyCap}.
     */
    private long fiatCap(SpendingLimit limit, Instant at) {
        PriceTable table = definition.priceTables().asOf(at).orElseThrow(() -> new NoPriceTableException(at));
        MonetaryAmount money = limit.fiat().orElseThrow();
        // Keyed by value, not by text: a limit's text form formats its money, which is costly on every gift.
        FiatCapKey cacheKey = new FiatCapKey(table.effectiveFrom(), limit);
        Long cached = fiatCaps.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        BigDecimal amount = money.getNumber().numberValue(BigDecimal.class);
        long best = 0;
        for (var offer : table.channels().values()) {
            for (CoinPackage p : offer.packages()) {
                Optional<MonetaryAmount> price = p.price(definition.baseCurrency());
                if (price.isEmpty()) {
                    continue;
                }
                BigDecimal perPackage = price.get().getNumber().numberValue(BigDecimal.class);
                if (perPackage.signum() <= 0) {
                    continue;
                }
                BigDecimal coins =
                        amount.multiply(BigDecimal.valueOf(p.totalCoins())).divide(perPackage, 0, RoundingMode.FLOOR);
                long c = coins.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
                        ? Long.MAX_VALUE
                        : coins.longValueExact();
                best = Math.max(best, c);
            }
        }
        if (best == 0) {
            throw new IllegalStateException("no fixed package of the price table of " + table.effectiveFrom()
                    + " prices coins in " + definition.baseCurrency() + " to convert the limit " + limit);
        }
        fiatCaps.put(cacheKey, best);
        return best;
    }

    /** The cache key of a fiat cap converted to coins: the price table's version and the limit. */
    private record FiatCapKey(Instant tableVersion, SpendingLimit limit) {}
}
