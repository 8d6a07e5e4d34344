package dev.coinage.catalog;

/**
 * Identifies a gift in the gift catalogue, such as {@code rose}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class GiftId implements Comparable<GiftId> {

    private final String value;

    private GiftId(String value) {
        this.value = value;
    }

    /**
     * Obtains an id.
     *
     * @param value the id, not null, 1 to 64 ASCII letters, digits, {@code -}, {@code _} or {@code .}, such as
     *     {@code "rose"}
     * @return the id, never null
     * @throws IllegalArgumentException if {@code value} is empty, too long or has other characters
     */
    public static GiftId of(String value) {
        return new GiftId(Names.check(value, "gift id"));
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
    public int compareTo(GiftId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GiftId && ((GiftId) o).value.equals(value);
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
