package dev.coinage.catalog;

import java.io.Serializable;

/**
 * Identifies a gift of the catalogue, such as {@code rose}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param value the identifier's text, as given
 */
public record GiftId(String value) implements Comparable<GiftId>, Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Validates the identifier.
     *
     * @param value the text, not null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public GiftId {
        Names.check(value, "gift id");
    }

    /**
     * Obtains an identifier.
     *
     * @param value the text, not null
     * @return the identifier, never null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public static GiftId of(String value) {
        return new GiftId(value);
    }

    @Override
    public int compareTo(GiftId other) {
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
     * @return true if {@code o} is a GiftId with the same value
     */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof GiftId other && value.equals(other.value));
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
