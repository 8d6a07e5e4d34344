package dev.coinage.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * How creators earn: the share of gift coins that becomes diamonds, what happens to fractions, what a diamond is
 * worth at cash-out, and how long new diamonds are held before they can be cashed out.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param share the creator's share of gift coins, not null
 * @param mode what happens to fractions of a diamond, not null
 * @param diamondValue the money one diamond is worth at cash-out, positive, may be finer than the minor unit (such as
 *     0.005 USD), not null
 * @param holdWindow how long new diamonds are held, zero or positive, not null
 * @param releasedParts what a refund does with parts its spent coins earned that were already released, not null
 */
public record EarningsPolicy(
        CreatorShare share,
        ConversionMode mode,
        MonetaryAmount diamondValue,
        Duration holdWindow,
        ReleasedPartsPolicy releasedParts) {
    /**
     * Creates a policy.
     *
     * @param share the creator's share, not null
     * @param mode the fraction rule, not null
     * @param diamondValue the value of a diamond, positive
     * @param holdWindow the hold window, not negative
     * @param releasedParts the released parts policy, not null
     * @throws IllegalArgumentException if the value is not positive or the window negative
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
    }

    /**
     * Creates a policy whose refunds book parts already released as a platform loss
     * ({@link ReleasedPartsPolicy#PLATFORM_LOSS}).
     *
     * @param share the creator's share, not null
     * @param mode the fraction rule, not null
     * @param diamondValue the value of a diamond, positive
     * @param holdWindow the hold window, not negative
     * @throws IllegalArgumentException if the value is not positive or the window negative
     */
    public EarningsPolicy(CreatorShare share, ConversionMode mode, MonetaryAmount diamondValue, Duration holdWindow) {
        this(share, mode, diamondValue, holdWindow, ReleasedPartsPolicy.PLATFORM_LOSS);
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
