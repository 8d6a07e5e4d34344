package dev.coinage.catalog;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * One band of a custom-amount price: the price per coin of every coin from {@link #fromCoins()} on, up to the next
 * tier. Tiers are marginal (like tax brackets): buying more coins never makes the coins already counted cheaper, so
 * more coins never cost less.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param fromCoins the first coin (counting from 1) the band's price applies to, positive
 * @param pricePerCoin the price of one coin keyed by ISO 4217 code, each positive and possibly finer than the minor
 *     unit (such as {@code 0.0106} USD); copied, not null, not empty
 */
public record VolumeTier(long fromCoins, Map<String, BigDecimal> pricePerCoin) {
    /**
     * Creates a tier.
     *
     * @param fromCoins the first coin the band applies to, positive
     * @param pricePerCoin the per-coin prices keyed by currency code, not null, not empty
     * @throws IllegalArgumentException if {@code fromCoins} is not positive, or a price is missing or not positive
     */
    public VolumeTier {
        if (fromCoins <= 0) {
            throw new IllegalArgumentException("fromCoins must be positive: " + fromCoins);
        }
        pricePerCoin = Map.copyOf(Objects.requireNonNull(pricePerCoin, "pricePerCoin"));
        if (pricePerCoin.isEmpty()) {
            throw new IllegalArgumentException("pricePerCoin must name at least one currency");
        }
        pricePerCoin.forEach((code, price) -> Decimals.positive(price, "price per coin in " + code));
    }
}
