package dev.coinage.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * A fixed coin package sold on one channel: a number of paid coins, optional bonus coins, and explicit price points
 * in some currencies. Currencies without a price point get a price derived from the base currency (see
 * {@link dev.coinage.pricing.RechargeQuoter}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the package's id, unique within its channel, not null
 * @param coins the paid coins, positive
 * @param bonusCoins the bonus coins credited on top, zero or positive
 * @param prices the explicit price points keyed by ISO 4217 code, each positive and no finer than its currency's
 *     minor unit; copied, not null
 */
public record CoinPackage(PackageId id, long coins, long bonusCoins, Map<String, MonetaryAmount> prices) {
    /**
     * Creates a package.
     *
     * @param id the package's id, not null
     * @param coins the paid coins, positive
     * @param bonusCoins the bonus coins, zero or positive
     * @param prices the explicit price points keyed by currency code, not null
     * @throws IllegalArgumentException if a count is out of range, the total overflows, or a price is not positive, is
     *     finer than its minor unit or is filed under another currency's code
     */
    public CoinPackage {
        Objects.requireNonNull(id, "id");
        if (coins <= 0) {
            throw new IllegalArgumentException("coins must be positive: " + coins);
        }
        if (bonusCoins < 0) {
            throw new IllegalArgumentException("bonusCoins must not be negative: " + bonusCoins);
        }
        Math.addExact(coins, bonusCoins);
        prices = Map.copyOf(Objects.requireNonNull(prices, "prices"));
        prices.forEach((code, price) -> {
            Decimals.price(price, "price in " + code);
            if (!price.getCurrency().getCurrencyCode().equals(code)) {
                throw new IllegalArgumentException("price filed under " + code + " is in " + price.getCurrency());
            }
        });
    }

    /**
     * Returns the coins credited: paid plus bonus.
     *
     * @return the total coins
     */
    public long totalCoins() {
        return coins + bonusCoins;
    }

    /**
     * Returns the explicit price point in a currency.
     *
     * @param currency the currency, not null
     * @return the price, empty if the package has no price point in that currency
     */
    public Optional<MonetaryAmount> price(CurrencyUnit currency) {
        return Optional.ofNullable(prices.get(currency.getCurrencyCode()));
    }
}
