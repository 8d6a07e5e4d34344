package dev.coinage.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * The minimum age to buy and send coins, by region, with a default (18, and 19 in South Korea in the example
 * definition).
 *
 * <p>Every minimum age is from {@value #LOWEST} to {@value #HIGHEST}: platforms publish 13 to 18 as the age to use an
 * app and 18 (19 in South Korea, up to 21 for some payments) to buy, gift or cash out, so an age outside that span is a
 * mistake, not a policy (0 would let children pay).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param defaultMinimum the minimum age in regions not listed, from {@value #LOWEST} to {@value #HIGHEST}
 * @param regions the minimum age by region, each from {@value #LOWEST} to {@value #HIGHEST}; copied, not null
 */
public record AgePolicy(int defaultMinimum, Map<Region, Integer> regions) {
    /** The lowest minimum age a policy may set. */
    public static final int LOWEST = 13;

    /** The highest minimum age a policy may set. */
    public static final int HIGHEST = 21;

    /**
     * Creates a policy.
     *
     * @param defaultMinimum the default minimum age
     * @param regions the minimum ages by region, not null
     * @throws IllegalArgumentException if an age is outside {@value #LOWEST} to {@value #HIGHEST}
     */
    public AgePolicy {
        check(defaultMinimum);
        regions = Map.copyOf(Objects.requireNonNull(regions, "regions"));
        regions.values().forEach(AgePolicy::check);
    }

    private static void check(int age) {
        if (age < LOWEST || age > HIGHEST) {
            throw new IllegalArgumentException("minimum age must be from " + LOWEST + " to " + HIGHEST + ": " + age);
        }
    }

    /**
     * Returns the minimum age in a region.
     *
     * @param region the region, not null
     * @return the region's minimum age, or the default
     */
    public int minimumAge(Region region) {
        return regions.getOrDefault(Objects.requireNonNull(region, "region"), defaultMinimum);
    }
}
