package dev.coinage.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The abuse rules a host switches on: gift velocity limits, a hold on large first purchases, and flags on circular
 * flows between members. Every rule is off in {@link #none()}; each {@code with...} method returns a copy with one
 * rule on. Pass it to {@code Coinage.builder().abuse(...)}; {@code docs/reliability.md} explains each rule.
 *
 * <pre>{@code
 * AbusePolicy abuse = AbusePolicy.none()
 *         .withGiftVelocity(60, 20)                              // per sender, per sender and creator, a minute
 *         .withFirstPurchaseHold(10_000, Duration.ofDays(3))     // first purchase above 10,000 coins: held 3 days
 *         .withCircularFlowFlag(50_000, true);                   // both ways over 50,000 coins: flag and review
 * }</pre>
 *
 * <p>This class is immutable and thread-safe.
 */
public final class AbusePolicy {
    private static final AbusePolicy NONE = new AbusePolicy(0, 0, 0, Duration.ZERO, 0, false);

    private final int giftsPerMinute;
    private final int giftsPerMinuteToOneCreator;
    private final long firstPurchaseHoldAbove;
    private final Duration firstPurchaseHold;
    private final long circularFlowCoins;
    private final boolean reviewCircularCashOuts;

    private AbusePolicy(
            int giftsPerMinute,
            int giftsPerMinuteToOneCreator,
            long firstPurchaseHoldAbove,
            Duration firstPurchaseHold,
            long circularFlowCoins,
            boolean reviewCircularCashOuts) {
        this.giftsPerMinute = giftsPerMinute;
        this.giftsPerMinuteToOneCreator = giftsPerMinuteToOneCreator;
        this.firstPurchaseHoldAbove = firstPurchaseHoldAbove;
        this.firstPurchaseHold = firstPurchaseHold;
        this.circularFlowCoins = circularFlowCoins;
        this.reviewCircularCashOuts = reviewCircularCashOuts;
    }

    /**
     * No abuse rule: the default of every economy.
     *
     * @return the policy with every rule off, never null
     */
    public static AbusePolicy none() {
        return NONE;
    }

    /**
     * Limits how many gifts a member may send in one minute of the clock (from second 0 to 59), in all and to one
     * creator. Each send counts once, whatever its count of items; a batch counts each of its gifts. A gift past a
     * limit is refused with {@code VelocityLimitExceededException}.
     *
     * @param perSender the most gifts a member may send in a minute, 1 or more, or 0 for no such limit
     * @param perSenderAndCreator the most gifts a member may send to one creator in a minute, 1 or more, or 0 for no
     *     such limit
     * @return a copy with the velocity limits set, never null
     * @throws IllegalArgumentException if a limit is negative
     */
    public AbusePolicy withGiftVelocity(int perSender, int perSenderAndCreator) {
        if (perSender < 0 || perSenderAndCreator < 0) {
            throw new IllegalArgumentException(
                    "gift velocity limits must be 0 (off) or more: " + perSender + ", " + perSenderAndCreator);
        }
        return new AbusePolicy(
                perSender,
                perSenderAndCreator,
                firstPurchaseHoldAbove,
                firstPurchaseHold,
                circularFlowCoins,
                reviewCircularCashOuts);
    }

    /**
     * Holds the coins of a member's first purchase when it brings more than {@code coinsAbove} coins: they are credited
     * to the wallet at once (the member sees them) but may not be spent on gifts until {@code hold} has passed since
     * the credit. A gift that would need them is refused with {@code CoinsOnHoldException}. Later purchases are not
     * held.
     *
     * @param coinsAbove the coins (paid and bonus) a first purchase must exceed to be held, 0 or more
     * @param hold how long the coins stay unspendable, positive, not null
     * @return a copy with the hold set, never null
     * @throws IllegalArgumentException if {@code coinsAbove} is negative or {@code hold} is not positive
     */
    public AbusePolicy withFirstPurchaseHold(long coinsAbove, Duration hold) {
        Objects.requireNonNull(hold, "hold");
        if (coinsAbove < 0) {
            throw new IllegalArgumentException("coinsAbove must be 0 or more: " + coinsAbove);
        }
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("hold must be positive: " + hold);
        }
        return new AbusePolicy(
                giftsPerMinute,
                giftsPerMinuteToOneCreator,
                coinsAbove,
                hold,
                circularFlowCoins,
                reviewCircularCashOuts);
    }

    /**
     * Flags two members who each sent the other at least {@code coins} coins of gifts (in all, since the rule was on):
     * the gift that crosses the line raises {@code GiftListener.onCircularFlow} once per pair. With {@code
     * reviewCashOuts}, both members' later cash-outs go to review instead of being approved.
     *
     * @param coins the coins each way that make a flow circular, 1 or more
     * @param reviewCashOuts whether flagged members' cash-outs go to review
     * @return a copy with the flag set, never null
     * @throws IllegalArgumentException if {@code coins} is not positive
     */
    public AbusePolicy withCircularFlowFlag(long coins, boolean reviewCashOuts) {
        if (coins <= 0) {
            throw new IllegalArgumentException("coins must be positive: " + coins);
        }
        return new AbusePolicy(
                giftsPerMinute,
                giftsPerMinuteToOneCreator,
                firstPurchaseHoldAbove,
                firstPurchaseHold,
                coins,
                reviewCashOuts);
    }

    /**
     * The most gifts a member may send in a minute.
     *
     * @return the limit, or 0 if there is none
     */
    public int giftsPerMinute() {
        return giftsPerMinute;
    }

    /**
     * The most gifts a member may send to one creator in a minute.
     *
     * @return the limit, or 0 if there is none
     */
    public int giftsPerMinuteToOneCreator() {
        return giftsPerMinuteToOneCreator;
    }

    /**
     * Whether a large first purchase is held.
     *
     * @return true if {@link #withFirstPurchaseHold} set the rule
     */
    public boolean holdsFirstPurchases() {
        return !firstPurchaseHold.isZero();
    }

    /**
     * The coins a first purchase must exceed to be held.
     *
     * @return the coins; meaningful only if {@link #holdsFirstPurchases()}
     */
    public long firstPurchaseHoldAbove() {
        return firstPurchaseHoldAbove;
    }

    /**
     * How long a held first purchase stays unspendable.
     *
     * @return the hold, zero if the rule is off, never null
     */
    public Duration firstPurchaseHold() {
        return firstPurchaseHold;
    }

    /**
     * Whether circular flows are flagged.
     *
     * @return true if {@link #withCircularFlowFlag} set the rule
     */
    public boolean flagsCircularFlows() {
        return circularFlowCoins > 0;
    }

    /**
     * The coins each way that make a flow between two members circular.
     *
     * @return the coins, or 0 if the rule is off
     */
    public long circularFlowCoins() {
        return circularFlowCoins;
    }

    /**
     * Whether flagged members' cash-outs go to review.
     *
     * @return true if they do
     */
    public boolean reviewsCircularCashOuts() {
        return reviewCircularCashOuts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbusePolicy p
                && giftsPerMinute == p.giftsPerMinute
                && giftsPerMinuteToOneCreator == p.giftsPerMinuteToOneCreator
                && firstPurchaseHoldAbove == p.firstPurchaseHoldAbove
                && firstPurchaseHold.equals(p.firstPurchaseHold)
                && circularFlowCoins == p.circularFlowCoins
                && reviewCircularCashOuts == p.reviewCircularCashOuts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                giftsPerMinute,
                giftsPerMinuteToOneCreator,
                firstPurchaseHoldAbove,
                firstPurchaseHold,
                circularFlowCoins,
                reviewCircularCashOuts);
    }

    @Override
    public String toString() {
        return "AbusePolicy[giftsPerMinute=" + giftsPerMinute + ", giftsPerMinuteToOneCreator="
                + giftsPerMinuteToOneCreator + ", firstPurchaseHoldAbove=" + firstPurchaseHoldAbove
                + ", firstPurchaseHold=" + firstPurchaseHold + ", circularFlowCoins=" + circularFlowCoins
                + ", reviewCircularCashOuts=" + reviewCircularCashOuts + "]";
    }
}
