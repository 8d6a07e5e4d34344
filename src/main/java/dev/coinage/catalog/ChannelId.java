package dev.coinage.catalog;

/**
 * Identifies a sales channel: one of the well-known {@link #APPLE_APP_STORE}, {@link #GOOGLE_PLAY} and {@link #WEB}, or one the host defines.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ChannelId implements Comparable<ChannelId> {
    /** Apple App Store in-app purchases. */
    public static final ChannelId APPLE_APP_STORE = new ChannelId("apple");

    /** Google Play in-app purchases. */
    public static final ChannelId GOOGLE_PLAY = new ChannelId("google");

    /** The host's own web recharge page, paid through a payment processor. */
    public static final ChannelId WEB = new ChannelId("web");

    private final String value;

    private ChannelId(String value) {
        this.value = value;
    }

    /**
     * Obtains an id.
     *
     * @param value the id, not null, 1 to 64 ASCII letters, digits, {@code -}, {@code _} or {@code .}, such as
     *     {@code "web"}
     * @return the id, never null
     * @throws IllegalArgumentException if {@code value} is empty, too long or has other characters
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

    /**
     * Returns the id's text.
     *
     * @return the text, never null
     */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(ChannelId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelId && ((ChannelId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns the id's text.
     *
     * @return the text, never null
     */
    @Override
    public String toString() {
        return value;
    }
}
