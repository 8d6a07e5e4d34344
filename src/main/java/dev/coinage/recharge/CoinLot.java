package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.UserId;
import java.math.BigDecimal;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * The lot a credited purchase put in a wallet: where the coins came from, what they cost, and how many of them can
 * still be refunded.
 *
 * @param purchase the purchase's reference, not null
 * @param user the buyer, not null
 * @param channel the sales channel, not null
 * @param paidCoins the coins paid for
 * @param bonusCoins the bonus coins given on top
 * @param amount what the buyer paid, not null
 * @param tax the part of the amount that was tax, in its currency, not null
 * @param storeFee what the store or payment processor kept of the amount, in its currency, not null
 * @param unitCost what one paid coin cost, in the amount's currency ({@code amount / paidCoins}, 16 significant
 *     digits), not null
 * @param refundable the coins of the purchase not refunded yet
 * @param unspentPaid the purchase's paid coins still in the wallet: neither spent, nor refunded, nor used to repay a
 *     debt
 * @param unspentBonus the purchase's bonus coins still in the wallet
 */
public record CoinLot(
        String purchase,
        UserId user,
        ChannelId channel,
        long paidCoins,
        long bonusCoins,
        MonetaryAmount amount,
        MonetaryAmount tax,
        MonetaryAmount storeFee,
        BigDecimal unitCost,
        long refundable,
        long unspentPaid,
        long unspentBonus) {
    /**
     * Checks the lot.
     *
     * @param purchase the reference, not null
     * @param user the buyer, not null
     * @param channel the channel, not null
     * @param paidCoins the paid coins
     * @param bonusCoins the bonus coins
     * @param amount the amount paid, not null
     * @param tax the tax in the amount, not null
     * @param storeFee the store's fee, not null
     * @param unitCost the cost of a paid coin, not null
     * @param refundable the coins not refunded yet
     * @param unspentPaid the unspent paid coins
     * @param unspentBonus the unspent bonus coins
     * @throws NullPointerException if an object component is null
     */
    public CoinLot {
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(storeFee, "storeFee");
        Objects.requireNonNull(unitCost, "unitCost");
    }
}
