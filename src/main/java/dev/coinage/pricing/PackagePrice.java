package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import java.time.Instant;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A coin package as a channel's price table sold it at an instant: its coins and its price point in one currency.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param channel the channel, not null
 * @param packageId the package, not null
 * @param paidCoins the coins paid for, positive
 * @param bonusCoins the bonus coins on top, zero or positive
 * @param price the package's price point in the currency (the catalogue's explicit price, else derived from the base
 *     price at the rate in force, rounded to the currency's price ending), not null
 * @param tableVersion when the price table in force took effect, not null
 */
public record PackagePrice(
        ChannelId channel,
        PackageId packageId,
        long paidCoins,
        long bonusCoins,
        MonetaryAmount price,
        Instant tableVersion) {
    /**
     * Checks the price.
     *
     * @param channel the channel, not null
     * @param packageId the package, not null
     * @param paidCoins the paid coins
     * @param bonusCoins the bonus coins
     * @param price the price point, not null
     * @param tableVersion the table's effective time, not null
     * @throws NullPointerException if an object component is null
     */
    public PackagePrice {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(tableVersion, "tableVersion");
    }
}
