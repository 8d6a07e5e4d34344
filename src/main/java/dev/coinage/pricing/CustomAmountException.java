package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.CoinageException;
import java.util.Objects;

/**
 * Thrown when a custom amount of coins cannot be bought on a channel: the channel offers no custom amounts
 * ({@link #offered()} is false), or the amount is below the minimum, above the maximum or not a multiple of the step.
 */
public final class CustomAmountException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final ChannelId channel;
    private final long coins;
    private final boolean offered;
    private final long minCoins;
    private final long maxCoins;
    private final long step;

    private CustomAmountException(
            String message, ChannelId channel, long coins, boolean offered, long minCoins, long maxCoins, long step) {
        super(message);
        this.channel = channel;
        this.coins = coins;
        this.offered = offered;
        this.minCoins = minCoins;
        this.maxCoins = maxCoins;
        this.step = step;
    }

    /**
     * Creates the exception for a channel that sells no custom amounts.
     *
     * @param channel the channel, not null
     * @param coins the amount asked for
     * @return the exception, never null
     */
    public static CustomAmountException notOffered(ChannelId channel, long coins) {
        Objects.requireNonNull(channel, "channel");
        return new CustomAmountException(
                "channel '" + channel + "' sells no custom amounts (asked for " + coins + " coins)",
                channel,
                coins,
                false,
                0,
                0,
                0);
    }

    /**
     * Creates the exception for an amount outside the channel's rule.
     *
     * @param channel the channel, not null
     * @param coins the amount asked for
     * @param minCoins the smallest amount sold
     * @param maxCoins the largest amount sold
     * @param step the amount must be {@code minCoins + k * step}
     * @return the exception, never null
     */
    public static CustomAmountException outOfRange(
            ChannelId channel, long coins, long minCoins, long maxCoins, long step) {
        Objects.requireNonNull(channel, "channel");
        return new CustomAmountException(
                "channel '" + channel + "' sells custom amounts from " + minCoins + " to " + maxCoins
                        + " coins in steps of " + step + ", not " + coins,
                channel,
                coins,
                true,
                minCoins,
                maxCoins,
                step);
    }

    /**
     * Returns the channel asked.
     *
     * @return the channel, never null
     */
    public ChannelId channel() {
        return channel;
    }

    /**
     * Returns the amount asked for.
     *
     * @return the coins
     */
    public long coins() {
        return coins;
    }

    /**
     * Tells whether the channel sells custom amounts at all.
     *
     * @return false if it sells none, true if the amount was outside its rule
     */
    public boolean offered() {
        return offered;
    }

    /**
     * Returns the smallest amount the channel sells, 0 if it sells no custom amounts.
     *
     * @return the minimum
     */
    public long minCoins() {
        return minCoins;
    }

    /**
     * Returns the largest amount the channel sells, 0 if it sells no custom amounts.
     *
     * @return the maximum
     */
    public long maxCoins() {
        return maxCoins;
    }

    /**
     * Returns the step between amounts sold, 0 if the channel sells no custom amounts.
     *
     * @return the step
     */
    public long step() {
        return step;
    }
}
