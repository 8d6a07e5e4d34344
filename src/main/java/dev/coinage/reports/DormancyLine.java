package dev.coinage.reports;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Unspent coins of wallets idle for an age band, in one currency of purchase.
 *
 * @param from the band's least idleness, inclusive, not null
 * @param to the band's greatest idleness, exclusive; empty for the last band, not null
 * @param currency the currency code of the purchases, not null
 * @param wallets the wallets with unspent coins of the currency in the band
 * @param coins their unspent coins, paid and bonus
 * @param cost what buyers paid for those coins, not null
 */
public record DormancyLine(
        Duration from, Optional<Duration> to, String currency, long wallets, long coins, MonetaryAmount cost) {
    /**
     * Checks the line.
     *
     * @param from the band's start, not null
     * @param to the band's end, or empty, not null
     * @param currency the currency code, not null
     * @param wallets the wallets
     * @param coins the coins
     * @param cost the cost, not null
     * @throws NullPointerException if an object component is null
     */
    public DormancyLine {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(cost, "cost");
    }
}
