package dev.coinage.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of the price list: what every channel sells from an instant on, until the next version takes effect.
 * The effective-from instant is the table's version; a quote names it so that the quote can always be explained.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PriceTable {
    private final Instant effectiveFrom;
    private final Map<ChannelId, ChannelOffer> channels;

    private PriceTable(Instant effectiveFrom, Map<ChannelId, ChannelOffer> channels) {
        this.effectiveFrom = effectiveFrom;
        this.channels = channels;
    }

    /**
     * Obtains a table.
     *
     * @param effectiveFrom the instant the table takes effect, its version, not null
     * @param channels what each channel sells, not null, not empty
     * @return the table, never null
     * @throws IllegalArgumentException if no channel sells anything
     */
    public static PriceTable of(Instant effectiveFrom, Map<ChannelId, ChannelOffer> channels) {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Map<ChannelId, ChannelOffer> copy = Map.copyOf(Objects.requireNonNull(channels, "channels"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a price table must sell on at least one channel");
        }
        return new PriceTable(effectiveFrom, copy);
    }

    /**
     * Returns the instant the table takes effect, which is its version.
     *
     * @return the instant, never null
     */
    public Instant effectiveFrom() {
        return effectiveFrom;
    }

    /**
     * Returns what each channel sells.
     *
     * @return the offers by channel, never null
     */
    public Map<ChannelId, ChannelOffer> channels() {
        return channels;
    }

    /**
     * Returns what a channel sells under this table.
     *
     * @param channel the channel, not null
     * @return the offer, empty if the channel sells nothing under this table
     */
    public Optional<ChannelOffer> offer(ChannelId channel) {
        return Optional.ofNullable(channels.get(Objects.requireNonNull(channel, "channel")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceTable
                && ((PriceTable) o).effectiveFrom.equals(effectiveFrom)
                && ((PriceTable) o).channels.equals(channels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(effectiveFrom, channels);
    }

    @Override
    public String toString() {
        return "PriceTable[effectiveFrom=" + effectiveFrom + ", channels=" + channels.keySet() + "]";
    }
}
