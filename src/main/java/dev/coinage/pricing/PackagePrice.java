package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A coin package as a channel's price table sold it at an instant to a region: its coins, its price point in one
 * currency, and how the amount charged splits into net price, tax and the store's fee — exactly as a quote made then
 * would have it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param channel the channel, not null
 * @param packageId the package, not null
 * @param paidCoins the coins paid for, positive
 * @param bonusCoins the bonus coins on top, zero or positive
 * @param price the package's price point in the currency (the catalogue's explicit price, else derived from the base
 *     price at the rate in force, rounded to the currency's price ending), not null
 * @param region the buyer's region, whose tax applies, not null
 * @param net the price before tax, not null
 * @param tax the tax, not null
 * @param gross the amount charged, {@code net + tax}, not null
 * @param storeFee the store's fee, {@code net × the channel's fee rate} rounded half up to the minor unit, not null
 * @param tableVersion when the price table in force took effect, not null
 */
public record PackagePrice(
        ChannelId channel,
        PackageId packageId,
        long paidCoins,
        long bonusCoins,
        MonetaryAmount price,
        Region region,
        MonetaryAmount net,
        MonetaryAmount tax,
        MonetaryAmount gross,
        MonetaryAmount storeFee,
        Instant tableVersion) {
    /**
     * Checks the price.
     *
     * @param channel the channel, not null
     * @param packageId the package, not null
     * @param paidCoins the paid coins
     * @param bonusCoins the bonus coins
     * @param price the price point, not null
     * @param region the region, not null
     * @param net the net price, not null
     * @param tax the tax, not null
     * @param gross the amount charged, not null
     * @param storeFee the store's fee, not null
     * @param tableVersion the table's effective time, not null
     * @throws NullPointerException if an object component is null
     */
    public PackagePrice {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(storeFee, "storeFee");
        Objects.requireNonNull(tableVersion, "tableVersion");
    }
}
