package dev.coinage.reports;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * The outstanding coin liability: unspent coins at cost by channel, lot type and currency, their totals per currency,
 * and the coins members owe after refunds of coins they had spent (which later purchases repay first).
 *
 * @param lines the lines, sorted by channel, lot type and currency; not null
 * @param totals the cost of all unspent coins per currency code, not null
 * @param coins all unspent coins, paid and bonus
 * @param debtCoins the coins members owe
 */
public record CoinLiability(List<LiabilityLine> lines, Map<String, MonetaryAmount> totals, long coins, long debtCoins) {
    /**
     * Checks the liability.
     *
     * @param lines the lines, not null
     * @param totals the totals per currency, not null
     * @param coins the unspent coins
     * @param debtCoins the coins owed
     * @throws NullPointerException if an object component is null
     */
    public CoinLiability {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        totals = Map.copyOf(Objects.requireNonNull(totals, "totals"));
    }
}
