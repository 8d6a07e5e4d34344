package dev.coinage.core;

import java.io.Serializable;

/**
 * The host application's identifier of a member: a viewer who buys and sends coins, a creator who earns diamonds, or
 * both. Coinage never interprets it beyond equality.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param value the identifier's text, as given
 */
public record UserId(String value) implements Comparable<UserId>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest identifier accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    /**
     * Validates the identifier.
     *
     * @param value the text, not null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public UserId {
        Ids.check(value, "user id", MAX_LENGTH);
    }

    /**
     * Obtains an identifier.
     *
     * @param value the text, not null
     * @return the identifier, never null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
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

    /**
     * Compares the values: written out rather than left to the record's generated method, which goes through method
     * handles on every call (ids are map keys on every gift).
     *
     * @param o the other object
     * @return true if {@code o} is a UserId with the same value
     */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof UserId other && value.equals(other.value));
    }

    /**
     * The value's hash code, as the record's generated method gives it.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
