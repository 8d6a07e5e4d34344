package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.UserId;
import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * An app-store purchase whose receipt the host has already validated with the store. The receipt names the product
 * (the package id the store sold); the coins, bonus coins and price are those of that package in the channel's price
 * table in force at the purchase time, never the host's figures. Coinage credits it once per original transaction id,
 * whatever the number of times the app or the store's server notifications replay it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param user the buyer, not null
 * @param channel the store's sales channel, not null
 * @param originalTransactionId the store's original transaction id, not null, not blank
 * @param product the package the store sold (its product id), not null
 * @param price the product's price as the store reports it: the package's price point in the currency charged (tax
 *     included where the region's prices include it), positive, not null
 * @param region the buyer's region (the store front's country), whose tax applies, not null
 * @param purchasedAt when the store sold it, not null: the price table in force then applies
 */
public record AppStoreReceipt(
        UserId user,
        ChannelId channel,
        String originalTransactionId,
        PackageId product,
        MonetaryAmount price,
        Region region,
        Instant purchasedAt) {
    /**
     * Checks the receipt.
     *
     * @param user the buyer, not null
     * @param channel the channel, not null
     * @param originalTransactionId the original transaction id, not null, not blank
     * @param product the package sold, not null
     * @param price the price charged, positive, not null
     * @param region the buyer's region, not null
     * @param purchasedAt when it was sold, not null
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the id is blank or the price not positive
     */
    public AppStoreReceipt {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(originalTransactionId, "originalTransactionId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(purchasedAt, "purchasedAt");
        if (originalTransactionId.isBlank()) {
            throw new IllegalArgumentException("originalTransactionId must not be blank");
        }
        if (!price.isPositive()) {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
    }
}
