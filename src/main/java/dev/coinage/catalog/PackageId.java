package dev.coinage.catalog;

/**
 * Identifies a coin package within a channel of a price table, such as {@code web-70}. The same id may name packages of different contents in two table versions; a quote names both.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PackageId implements Comparable<PackageId> {

    private final String value;

    private PackageId(String value) {
        this.value = value;
    }

    /**
     * Obtains an id.
     *
     * @param value the id, not null, 1 to 64 ASCII letters, digits, {@code -}, {@code _} or {@code .}, such as
     *     {@code "web-70"}
     * @return the id, never null
     * @throws IllegalArgumentException if {@code value} is empty, too long or has other characters
     */
    public static PackageId of(String value) {
        return new PackageId(Names.check(value, "package id"));
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
    public int compareTo(PackageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageId && ((PackageId) o).value.equals(value);
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
