package dev.coinage.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * The tax rule of every region, with a default for regions not listed.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param defaultRule the rule of regions not listed, not null
 * @param regions the rules by region, copied, not null
 */
public record TaxRules(TaxRule defaultRule, Map<Region, TaxRule> regions) {
    /**
     * Creates the rules.
     *
     * @param defaultRule the rule of regions not listed, not null
     * @param regions the rules by region, not null
     */
    public TaxRules {
        Objects.requireNonNull(defaultRule, "defaultRule");
        regions = Map.copyOf(Objects.requireNonNull(regions, "regions"));
    }

    /**
     * Returns the rule of a region.
     *
     * @param region the region, not null
     * @return the region's rule, or the default, never null
     */
    public TaxRule forRegion(Region region) {
        return regions.getOrDefault(Objects.requireNonNull(region, "region"), defaultRule);
    }
}
