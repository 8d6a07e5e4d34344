package dev.coinage.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * The minimum age to buy and send coins, by region, with a default (18, and 19 in South Korea in the example
 * definition).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param defaultMinimum the minimum age in regions not listed, from 0 to 150
 * @param regions the minimum age by region, each from 0 to 150; copied, not null
 */
public record AgePolicy(int defaultMinimum, Map<Region, Integer> regions) {
    /**
     * Creates a policy.
     *
     * @param defaultMinimum the default minimum age
     * @param regions the minimum ages by region, not null
     * @throws IllegalArgumentException if an age is outside 0 to 150
     */
    public AgePolicy {
        check(defaultMinimum);
        regions = Map.copyOf(Objects.requireNonNull(regions, "regions"));
        regions.values().forEach(AgePolicy::check);
    }

    private static void check(int age) {
        if (age < 0 || age > 150) {
            throw new IllegalArgumentException("minimum age must be from 0 to 150: " + age);
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
