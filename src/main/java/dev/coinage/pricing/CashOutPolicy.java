package dev.coinage.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * How creators cash out diamonds: what a diamond is worth, the fees, the minimum, the caps and when a cash-out waits
 * for a manual review. Every amount is in the currency of the diamond value (the settlement currency); a payout in
 * another currency is converted after fees.
 *
 * <p>The {@linkplain #defaults(MonetaryAmount) defaults} follow published platform figures: 0.005 USD per diamond
 * (TikTok), a minimum of 10,000 diamonds (50 USD, Twitch's minimum payout), at most 1,000 USD per calendar day
 * (TikTok) and 5,000 USD per week, a fixed fee of 0.25 per payout (providers charge per payout item), no percentage
 * fee, days and weeks counted in UTC, a manual review above 500, quotes valid 15 minutes, amounts rounded down (a
 * creator is never paid more than the diamonds are worth).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param diamondValue the money one diamond is worth, positive, may be finer than the minor unit, not null
 * @param fixedFee the fee per payout, zero or positive, in the settlement currency, not null
 * @param feePercent the fee as a percentage of the gross, 0 to 100, not null
 * @param minimumDiamonds the fewest diamonds one cash-out may take, at least 1
 * @param dailyCap the most money cashed out per creator and calendar day, positive, not null
 * @param weeklyCap the most money cashed out per creator and week (Monday to Sunday), positive, not null
 * @param zone the zone in which days and weeks start, not null
 * @param reviewAbove a gross above which a cash-out waits for a manual review, empty for none, not null
 * @param quoteValidity how long a quote may be used, positive, not null
 * @param rounding how amounts are rounded to minor units, not {@link RoundingMode#UNNECESSARY}, not null
 */
public record CashOutPolicy(
        MonetaryAmount diamondValue,
        MonetaryAmount fixedFee,
        BigDecimal feePercent,
        long minimumDiamonds,
        MonetaryAmount dailyCap,
        MonetaryAmount weeklyCap,
        ZoneId zone,
        Optional<MonetaryAmount> reviewAbove,
        Duration quoteValidity,
        RoundingMode rounding) {
    /** The default minimum cash-out: 10,000 diamonds, 50 USD at 0.005 USD per diamond. */
    public static final long DEFAULT_MINIMUM_DIAMONDS = 10_000;

    /**
     * Validates the policy.
     *
     * @param diamondValue the value of a diamond, positive
     * @param fixedFee the fee per payout, not negative
     * @param feePercent the percentage fee, 0 to 100
     * @param minimumDiamonds the minimum, at least 1
     * @param dailyCap the daily cap, positive
     * @param weeklyCap the weekly cap, positive
     * @param zone the zone, not null
     * @param reviewAbove the review threshold, not null
     * @param quoteValidity the quote validity, positive
     * @param rounding the rounding, not UNNECESSARY
     * @throws IllegalArgumentException if a figure is out of range or an amount is not in the diamond value's currency
     */
    public CashOutPolicy {
        Objects.requireNonNull(diamondValue, "diamondValue");
        CurrencyUnit currency = diamondValue.getCurrency();
        if (number(diamondValue).signum() <= 0) {
            throw new IllegalArgumentException("diamondValue must be positive: " + diamondValue);
        }
        sameCurrency(currency, fixedFee, "fixedFee");
        if (number(fixedFee).signum() < 0) {
            throw new IllegalArgumentException("fixedFee must not be negative: " + fixedFee);
        }
        Objects.requireNonNull(feePercent, "feePercent");
        if (feePercent.signum() < 0 || feePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("feePercent must be from 0 to 100: " + feePercent);
        }
        if (minimumDiamonds < 1) {
            throw new IllegalArgumentException("minimumDiamonds must be at least 1: " + minimumDiamonds);
        }
        sameCurrency(currency, dailyCap, "dailyCap");
        sameCurrency(currency, weeklyCap, "weeklyCap");
        if (number(dailyCap).signum() <= 0 || number(weeklyCap).signum() <= 0) {
            throw new IllegalArgumentException("caps must be positive: " + dailyCap + ", " + weeklyCap);
        }
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(reviewAbove, "reviewAbove").ifPresent(r -> sameCurrency(currency, r, "reviewAbove"));
        if (Objects.requireNonNull(quoteValidity, "quoteValidity").isNegative() || quoteValidity.isZero()) {
            throw new IllegalArgumentException("quoteValidity must be positive: " + quoteValidity);
        }
        if (Objects.requireNonNull(rounding, "rounding") == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("rounding must not be UNNECESSARY");
        }
    }

    /**
     * Returns the default policy (see the class description) for a diamond value.
     *
     * @param diamondValue the money one diamond is worth, positive, not null
     * @return the policy, never null
     */
    public static CashOutPolicy defaults(MonetaryAmount diamondValue) {
        CurrencyUnit c = Objects.requireNonNull(diamondValue, "diamondValue").getCurrency();
        return new CashOutPolicy(
                diamondValue,
                Money.of(new BigDecimal("0.25"), c),
                BigDecimal.ZERO,
                DEFAULT_MINIMUM_DIAMONDS,
                Money.of(1000, c),
                Money.of(5000, c),
                ZoneOffset.UTC,
                Optional.of(Money.of(500, c)),
                Duration.ofMinutes(15),
                RoundingMode.DOWN);
    }

    /**
     * Returns the settlement currency: the diamond value's.
     *
     * @return the currency, never null
     */
    public CurrencyUnit currency() {
        return diamondValue.getCurrency();
    }

    /**
     * Returns a money cap as whole diamonds: the most diamonds whose value does not exceed it.
     *
     * @param cap an amount in the settlement currency, not null
     * @return the diamonds, at least 0
     */
    public long diamondsWithin(MonetaryAmount cap) {
        return number(cap).divide(number(diamondValue), 0, RoundingMode.DOWN).longValueExact();
    }

    private static BigDecimal number(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    private static void sameCurrency(CurrencyUnit currency, MonetaryAmount amount, String name) {
        if (!Objects.requireNonNull(amount, name).getCurrency().equals(currency)) {
            throw new IllegalArgumentException(
                    name + " must be in " + currency.getCurrencyCode() + " like the diamond value: " + amount);
        }
    }
}
