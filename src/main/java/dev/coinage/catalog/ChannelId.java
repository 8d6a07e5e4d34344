package dev.coinage.catalog;

import java.io.Serializable;

/**
 * Identifies a sales channel: one of the well-known {@link #APPLE_APP_STORE}, {@link #GOOGLE_PLAY} and {@link #WEB}, or
 * one the host defines.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param value the identifier's text, as given
 */
public record ChannelId(String value) implements Comparable<ChannelId>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Apple App Store in-app purchases. */
    public static final ChannelId APPLE_APP_STORE = new ChannelId("apple");

    /** Google Play in-app purchases. */
    public static final ChannelId GOOGLE_PLAY = new ChannelId("google");

    /** The host's own web recharge page, paid through a payment processor. */
    public static final ChannelId WEB = new ChannelId("web");

    /**
     * Validates the identifier.
     *
     * @param value the text, not null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public ChannelId {
        Names.check(value, "channel id");
    }

    /**
     * Obtains an identifier.
     *
     * @param value the text, not null
     * @return the identifier (the shared constant for a well-known channel), never null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public static ChannelId of(String value) {
        Names.check(value, "channel id");
        switch (value) {
            case "apple":
                return APPLE_APP_STORE;
            case "google":
                return GOOGLE_PLAY;
            case "web":
                return WEB;
            default:
                return new ChannelId(value);
        }
    }

    @Override
    public int compareTo(ChannelId other) {
        return value.compareTo(other.value);
    }

    /**
     * Returns the identifier's text.
     *
     * @return the text, never null
     */
    @Override
    public String toString() {
        return value;
    }
}
