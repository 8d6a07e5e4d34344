package dev.coinage.catalog;

import java.io.Serializable;

/**
 * Identifies a coin package of a channel's offer, such as {@code web-700}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param value the identifier's text, as given
 */
public record PackageId(String value) implements Comparable<PackageId>, Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Validates the identifier.
     *
     * @param value the text, not null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public PackageId {
        Names.check(value, "package id");
    }

    /**
     * Obtains an identifier.
     *
     * @param value the text, not null
     * @return the identifier, never null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public static PackageId of(String value) {
        return new PackageId(value);
    }

    @Override
    public int compareTo(PackageId other) {
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
