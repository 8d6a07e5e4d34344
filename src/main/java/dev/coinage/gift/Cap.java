package dev.coinage.gift;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.UserId;

/**
 * The effective cap of one allowance account, to grant it and to explain a refusal.
 *
 * @param user the member whose allowance it is
 * @param period the period of the limit: a day, a week or a month
 * @param reference the span of the period, as {@link dev.coinage.policy.SpendingPeriods} names it
 * @param coins the lower of the platform's cap and the member's own, in coins; for a cap at cost, the platform's cap in
 *     millionths of the base currency
 * @param atCost true for a limit set in money, counted at the cost of the coins spent
 */
record Cap(UserId user, LimitPeriod period, String reference, long coins, boolean atCost) {
    Cap(UserId user, LimitPeriod period, String reference, long coins) {
        this(user, period, reference, coins, false);
    }
}
