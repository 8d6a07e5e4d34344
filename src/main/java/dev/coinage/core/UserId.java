package dev.coinage.core;

import java.io.Serializable;

/**
 * The host application's identifier of a member: a viewer who buys and sends coins, a creator who earns diamonds, or
 * both. Coinage never interprets it beyond equality.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class UserId implements Comparable<UserId>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest identifier accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    private final String value;

    private UserId(String value) {
        this.value = value;
    }

    /**
     * Obtains a user id.
     *
     * @param value the host's identifier, not null, not blank, at most {@value #MAX_LENGTH} characters, no control
     *     characters
     * @return the id, never null
     * @throws IllegalArgumentException if {@code value} is blank, too long or has control characters
     */
    public static UserId of(String value) {
        return new UserId(Ids.check(value, "user id", MAX_LENGTH));
    }

    /**
     * Returns the host's identifier.
     *
     * @return the identifier, never null
     */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserId && ((UserId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns the identifier.
     *
     * @return the identifier, never null
     */
    @Override
    public String toString() {
        return value;
    }
}
