package dev.coinage.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one channel sells under one price table: fixed packages and, if the channel allows it, custom amounts.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ChannelOffer {
    private final List<CoinPackage> packages;
    private final Map<PackageId, CoinPackage> byId;
    private final CustomAmountOffer customAmount;

    private ChannelOffer(List<CoinPackage> packages, Map<PackageId, CoinPackage> byId, CustomAmountOffer customAmount) {
        this.packages = packages;
        this.byId = byId;
        this.customAmount = customAmount;
    }

    /**
     * Obtains an offer.
     *
     * @param packages the fixed packages, ids unique, not null (may be empty if custom amounts are sold)
     * @param customAmount the custom-amount offer, empty if the channel sells none, not null
     * @return the offer, never null
     * @throws IllegalArgumentException if two packages share an id, or nothing at all is sold
     */
    public static ChannelOffer of(List<CoinPackage> packages, Optional<CustomAmountOffer> customAmount) {
        List<CoinPackage> copy = List.copyOf(Objects.requireNonNull(packages, "packages"));
        Objects.requireNonNull(customAmount, "customAmount");
        Map<PackageId, CoinPackage> byId = new LinkedHashMap<>();
        for (CoinPackage p : copy) {
            if (byId.put(p.id(), p) != null) {
                throw new IllegalArgumentException("duplicate package id " + p.id());
            }
        }
        if (copy.isEmpty() && customAmount.isEmpty()) {
            throw new IllegalArgumentException("a channel offer must sell packages or custom amounts");
        }
        return new ChannelOffer(copy, Map.copyOf(byId), customAmount.orElse(null));
    }

    /**
     * Returns the fixed packages in definition order.
     *
     * @return the packages, never null
     */
    public List<CoinPackage> packages() {
        return packages;
    }

    /**
     * Finds a fixed package.
     *
     * @param id the package id, not null
     * @return the package, empty if the channel does not sell it
     */
    public Optional<CoinPackage> find(PackageId id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Returns the custom-amount offer.
     *
     * @return the offer, empty if the channel sells no custom amounts
     */
    public Optional<CustomAmountOffer> customAmount() {
        return Optional.ofNullable(customAmount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelOffer
                && ((ChannelOffer) o).packages.equals(packages)
                && Objects.equals(((ChannelOffer) o).customAmount, customAmount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packages, customAmount);
    }

    @Override
    public String toString() {
        return "ChannelOffer[packages=" + packages + ", customAmount=" + customAmount + "]";
    }
}
