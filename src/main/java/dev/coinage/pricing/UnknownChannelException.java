package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.CoinageException;
import java.util.Objects;

/** Thrown when a sales channel is not part of the economy definition, or sells nothing in the price table in force. */
public final class UnknownChannelException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final ChannelId channel;

    /**
     * Creates the exception.
     *
     * @param channel the channel asked for, not null
     */
    public UnknownChannelException(ChannelId channel) {
        super("channel '" + Objects.requireNonNull(channel, "channel") + "' sells no coins");
        this.channel = channel;
    }

    /**
     * Returns the channel asked for.
     *
     * @return the channel, never null
     */
    public ChannelId channel() {
        return channel;
    }
}
