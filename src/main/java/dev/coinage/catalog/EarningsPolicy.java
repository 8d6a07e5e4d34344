package dev.coinage.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * How creators earn: the share of gift coins that becomes diamonds, what happens to fractions, what a diamond is
 * worth at cash-out, and how long new diamonds are held before they can be cashed out.
 *
 * <p>Two modes. Per coin (the default): a gift earns {@code coins × share} diamonds. Net revenue
 * ({@link #netRevenue(NetRevenueShare, CurrencyUnit, ConversionMode, Duration)}): a gift earns a share of the net money
 * behind the coins it consumed (what they cost less the store's fee and the tax), counted in parts of a diamond that is
 * a millionth of the base currency; see {@code docs/economics.md}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param share the creator's share of gift coins, not null
 * @param mode what happens to fractions of a diamond, not null
 * @param diamondValue the money one diamond is worth at cash-out, positive, may be finer than the minor unit (such as
 *     0.005 USD), not null
 * @param holdWindow how long new diamonds are held, zero or positive, not null
 * @param releasedParts what a refund does with parts its spent coins earned that were already released, not null
 * @param netRevenue the shares of net revenue in the net-revenue mode, empty in the per-coin mode, not null
 */
public record EarningsPolicy(
        CreatorShare share,
        ConversionMode mode,
        MonetaryAmount diamondValue,
        Duration holdWindow,
        ReleasedPartsPolicy releasedParts,
        Optional<NetRevenueShare> netRevenue) {
    /** A diamond in the net-revenue mode: a millionth of the base currency. */
    public static final BigDecimal NET_DIAMOND = BigDecimal.ONE.movePointLeft(6);

    /**
     * Creates a per-coin policy.
     *
     * @param share the creator's share, not null
     * @param mode the fraction rule, not null
     * @param diamondValue the value of a diamond, positive
     * @param holdWindow the hold window, not negative
     * @throws IllegalArgumentException if the value is not positive or the window negative
     */
    public EarningsPolicy(CreatorShare share, ConversionMode mode, MonetaryAmount diamondValue, Duration holdWindow) {
        this(share, mode, diamondValue, holdWindow, ReleasedPartsPolicy.PLATFORM_LOSS, Optional.empty());
    }

    /**
     * Creates a per-coin policy with a policy for parts already released.
     *
     * @param share the creator's share, not null
     * @param mode the fraction rule, not null
     * @param diamondValue the value of a diamond, positive
     * @param holdWindow the hold window, not negative
     * @param releasedParts the released parts policy, not null
     * @throws IllegalArgumentException if the value is not positive or the window negative
     */
    public EarningsPolicy(
            CreatorShare share,
            ConversionMode mode,
            MonetaryAmount diamondValue,
            Duration holdWindow,
            ReleasedPartsPolicy releasedParts) {
        this(share, mode, diamondValue, holdWindow, releasedParts, Optional.empty());
    }

    /**
     * Creates a policy whose refunds book parts already released as a platform loss.
     *
     * @param share the creator's share, not null
     * @param mode the fraction rule, not null
     * @param diamondValue the value of a diamond, positive
     * @param holdWindow the hold window, not negative
     * @param netRevenue the net-revenue shares, empty in the per-coin mode
     * @throws IllegalArgumentException as the canonical constructor
     */
    public EarningsPolicy(
            CreatorShare share,
            ConversionMode mode,
            MonetaryAmount diamondValue,
            Duration holdWindow,
            Optional<NetRevenueShare> netRevenue) {
        this(share, mode, diamondValue, holdWindow, ReleasedPartsPolicy.PLATFORM_LOSS, netRevenue);
    }

    /**
     * This policy with another rule for parts already released.
     *
     * @param releasedParts the released parts policy, not null
     * @return the policy, never null
     */
    public EarningsPolicy withReleasedParts(ReleasedPartsPolicy releasedParts) {
        return new EarningsPolicy(share, mode, diamondValue, holdWindow, releasedParts, netRevenue);
    }

    /**
     * A net-revenue policy: a diamond is a millionth of the base currency, and {@link #share()} is the default share.
     *
     * @param shares the shares, not null
     * @param baseCurrency the economy's base currency, not null
     * @param mode the fraction rule at release, not null
     * @param holdWindow the hold window, not negative
     * @return the policy, never null
     */
    public static EarningsPolicy netRevenue(
            NetRevenueShare shares, CurrencyUnit baseCurrency, ConversionMode mode, Duration holdWindow) {
        Objects.requireNonNull(shares, "shares");
        return new EarningsPolicy(
                shares.share(),
                mode,
                Money.of(NET_DIAMOND, Objects.requireNonNull(baseCurrency, "baseCurrency")),
                holdWindow,
                ReleasedPartsPolicy.PLATFORM_LOSS,
                Optional.of(shares));
    }

    /**
     * Creates a policy.
     *
     * @param share the creator's share, not null
     * @param mode the fraction rule, not null
     * @param diamondValue the value of a diamond, positive
     * @param holdWindow the hold window, not negative
     * @param releasedParts the released parts policy, not null
     * @param netRevenue the net-revenue shares, empty in the per-coin mode
     * @throws IllegalArgumentException if the value is not positive or the window negative, or in the net-revenue mode
     *     the diamond value is not a millionth or the default share differs from the net-revenue shares' default
     */
    public EarningsPolicy {
        Objects.requireNonNull(releasedParts, "releasedParts");
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(diamondValue, "diamondValue");
        Decimals.positive(Decimals.number(diamondValue), "diamondValue");
        if (Objects.requireNonNull(holdWindow, "holdWindow").isNegative()) {
            throw new IllegalArgumentException("holdWindow must not be negative: " + holdWindow);
        }
        Objects.requireNonNull(netRevenue, "netRevenue");
        if (netRevenue.isPresent()) {
            if (Decimals.number(diamondValue).compareTo(NET_DIAMOND) != 0) {
                throw new IllegalArgumentException(
                        "in the net-revenue mode a diamond is worth " + NET_DIAMOND + ": " + diamondValue);
            }
            if (!netRevenue.get().share().equals(share)) {
                throw new IllegalArgumentException("share " + share + " must be the net-revenue default share "
                        + netRevenue.get().share());
            }
        }
    }

    /**
     * Tells whether gifts earn a share of net revenue rather than a share of coins.
     *
     * @return true in the net-revenue mode
     */
    public boolean isNetRevenue() {
        return netRevenue.isPresent();
    }

    /**
     * How many diamond parts make a diamond: the share's denominator per coin, or
     * {@link NetRevenueShare#PARTS_PER_MICRO} in the net-revenue mode.
     *
     * @return the parts per diamond, positive
     */
    public long partsPerDiamond() {
        return netRevenue.isPresent() ? NetRevenueShare.PARTS_PER_MICRO : share.denominator();
    }

    /**
     * Returns the value of a diamond as a plain number in its currency.
     *
     * @return the value, never null
     */
    public BigDecimal diamondValueNumber() {
        return Decimals.number(diamondValue);
    }
}
