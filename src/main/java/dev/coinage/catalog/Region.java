package dev.coinage.catalog;

import java.util.Objects;

/**
 * A region whose rules apply to a member: tax, minimum age, gift availability. Identified by an ISO 3166-1 alpha-2
 * code such as {@code US}, {@code DE} or {@code KR}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Region implements Comparable<Region> {
    private final String code;

    private Region(String code) {
        this.code = code;
    }

    /**
     * Obtains a region.
     *
     * @param code the ISO 3166-1 alpha-2 code, two upper-case ASCII letters, not null
     * @return the region, never null
     * @throws IllegalArgumentException if {@code code} is not two upper-case ASCII letters
     */
    public static Region of(String code) {
        Objects.requireNonNull(code, "code");
        if (code.length() != 2 || !isUpper(code.charAt(0)) || !isUpper(code.charAt(1))) {
            throw new IllegalArgumentException("region code must be two upper-case letters: '" + code + "'");
        }
        return new Region(code);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * Returns the ISO 3166-1 alpha-2 code.
     *
     * @return the code, never null
     */
    public String code() {
        return code;
    }

    @Override
    public int compareTo(Region other) {
        return code.compareTo(other.code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Region && ((Region) o).code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    /**
     * Returns the code.
     *
     * @return the code, never null
     */
    @Override
    public String toString() {
        return code;
    }
}
