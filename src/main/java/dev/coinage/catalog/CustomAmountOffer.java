package dev.coinage.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.money.CurrencyUnit;

/**
 * A channel's offer of any amount of coins between a minimum and a maximum, in steps, priced per coin by marginal
 * volume tiers. The exact price of {@code n} coins is the sum over the tiers of the tier's price per coin times the
 * coins of {@code 1..n} that fall in the tier; it never decreases as {@code n} grows.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomAmountOffer {
    private final long minCoins;
    private final long maxCoins;
    private final long step;
    private final List<VolumeTier> tiers;

    private CustomAmountOffer(long minCoins, long maxCoins, long step, List<VolumeTier> tiers) {
        this.minCoins = minCoins;
        this.maxCoins = maxCoins;
        this.step = step;
        this.tiers = tiers;
    }

    /**
     * Obtains an offer.
     *
     * @param minCoins the smallest amount sold, positive
     * @param maxCoins the largest amount sold, at least {@code minCoins}
     * @param step amounts sold are {@code minCoins + k * step}, positive
     * @param tiers the volume tiers, the first from coin 1, strictly increasing {@code fromCoins}, all priced in the
     *     same currencies; not null, not empty
     * @return the offer, never null
     * @throws IllegalArgumentException if a bound or the tiers break these rules
     */
    public static CustomAmountOffer of(long minCoins, long maxCoins, long step, List<VolumeTier> tiers) {
        if (minCoins <= 0) {
            throw new IllegalArgumentException("minCoins must be positive: " + minCoins);
        }
        if (maxCoins < minCoins) {
            throw new IllegalArgumentException("maxCoins " + maxCoins + " is below minCoins " + minCoins);
        }
        if (step <= 0) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        List<VolumeTier> copy = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("tiers must not be empty");
        }
        if (copy.get(0).fromCoins() != 1) {
            throw new IllegalArgumentException(
                    "the first tier must start at coin 1, not " + copy.get(0).fromCoins());
        }
        Set<String> currencies = copy.get(0).pricePerCoin().keySet();
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).fromCoins() <= copy.get(i - 1).fromCoins()) {
                throw new IllegalArgumentException("tier " + i + " must start after tier " + (i - 1));
            }
            if (!copy.get(i).pricePerCoin().keySet().equals(currencies)) {
                throw new IllegalArgumentException("tier " + i + " must be priced in " + currencies + " like tier 0");
            }
        }
        return new CustomAmountOffer(minCoins, maxCoins, step, copy);
    }

    /**
     * Returns the smallest amount sold.
     *
     * @return the minimum coins
     */
    public long minCoins() {
        return minCoins;
    }

    /**
     * Returns the largest amount sold.
     *
     * @return the maximum coins
     */
    public long maxCoins() {
        return maxCoins;
    }

    /**
     * Returns the step between amounts sold.
     *
     * @return the step in coins
     */
    public long step() {
        return step;
    }

    /**
     * Returns the volume tiers, the first starting at coin 1.
     *
     * @return the tiers, never null
     */
    public List<VolumeTier> tiers() {
        return tiers;
    }

    /**
     * Returns the currencies the tiers are priced in, as ISO 4217 codes.
     *
     * @return the codes, never null
     */
    public Set<String> currencies() {
        return tiers.get(0).pricePerCoin().keySet();
    }

    /**
     * Tells whether an amount may be bought: within the bounds and on a step.
     *
     * @param coins the amount
     * @return true if it is sold
     */
    public boolean allows(long coins) {
        return coins >= minCoins && coins <= maxCoins && (coins - minCoins) % step == 0;
    }

    /**
     * Returns the exact, unrounded price of an amount in a currency the tiers are priced in.
     *
     * @param coins the amount, positive (need not be {@linkplain #allows(long) allowed})
     * @param currency the currency, not null
     * @return the exact price, empty if the tiers have no price in that currency
     * @throws IllegalArgumentException if {@code coins} is not positive
     */
    public Optional<BigDecimal> exactPrice(long coins, CurrencyUnit currency) {
        if (coins <= 0) {
            throw new IllegalArgumentException("coins must be positive: " + coins);
        }
        String code = currency.getCurrencyCode();
        if (!currencies().contains(code)) {
            return Optional.empty();
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            VolumeTier tier = tiers.get(i);
            if (coins < tier.fromCoins()) {
                break;
            }
            long bandEnd =
                    i + 1 < tiers.size() ? Math.min(coins, tiers.get(i + 1).fromCoins() - 1) : coins;
            long inBand = bandEnd - tier.fromCoins() + 1;
            total = total.add(tier.pricePerCoin().get(code).multiply(BigDecimal.valueOf(inBand)));
        }
        return Optional.of(total);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomAmountOffer
                && ((CustomAmountOffer) o).minCoins == minCoins
                && ((CustomAmountOffer) o).maxCoins == maxCoins
                && ((CustomAmountOffer) o).step == step
                && ((CustomAmountOffer) o).tiers.equals(tiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minCoins, maxCoins, step, tiers);
    }

    @Override
    public String toString() {
        return "CustomAmountOffer[" + minCoins + ".." + maxCoins + " step " + step + ", tiers=" + tiers + "]";
    }
}
