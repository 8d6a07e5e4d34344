package dev.coinage.reports;

import dev.coinage.catalog.ChannelId;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * Unspent coins of one channel, lot type and currency: what the platform still owes as coins (deferred revenue), at
 * what buyers paid for them.
 *
 * @param channel the channel the coins were bought on, not null
 * @param lotType paid or bonus coins, not null
 * @param coins the unspent coins
 * @param cost what buyers paid for them (zero for bonus coins), in the purchases' currency, not null
 */
public record LiabilityLine(ChannelId channel, LotType lotType, long coins, MonetaryAmount cost) {
    /**
     * Checks the line.
     *
     * @param channel the channel, not null
     * @param lotType the lot type, not null
     * @param coins the unspent coins
     * @param cost their cost, not null
     * @throws NullPointerException if an object component is null
     */
    public LiabilityLine {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(lotType, "lotType");
        Objects.requireNonNull(cost, "cost");
    }
}
