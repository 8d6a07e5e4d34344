package dev.coinage.examples;

import dev.coinage.ledger.LedgerUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * What one simulated day produced: the figures the terminal summary and the HTML report show. Money figures are in the
 * economy's base currency; maps keep the order they are shown in.
 *
 * @param economy the name of the economy definition the day ran on, not null
 * @param settings the day's settings, not null
 * @param coinsSoldByChannel coins credited (paid and bonus) by sales channel name, net of refunds
 * @param salesByChannel what viewers paid (tax included) by sales channel name, net of refunds
 * @param purchases the purchases credited
 * @param pendingPayments the web payments that were pending before their webhook
 * @param declinedPayments the payments declined (at once or by webhook)
 * @param webhooksDelivered the payment webhooks delivered, duplicates included
 * @param giftsByType the gifts sent by gift name
 * @param coinsByGiftType the coins spent by gift name
 * @param giftsSent the gifts sent
 * @param combos the combo streaks sent as one atomic batch
 * @param replays the gift taps retried by a client and answered without a second charge
 * @param refusals the gifts refused, by reason
 * @param creatorDiamonds the whole diamonds released to each creator after the hold window, by creator
 * @param viewerSpend what viewers paid, tax included, net of refunds
 * @param tax the tax in it
 * @param storeFees what the app stores and the web payment provider kept
 * @param creatorEarnings the value of the diamonds released to creators
 * @param unspentCoins what viewers paid (before tax) for the coins still in their wallets at the end of the day, at
 *     the day's average price per coin: revenue the platform has not earned yet
 * @param platformTake what is left for the platform: spend less tax, store fees, creator earnings and unspent coins
 * @param refunds the refunds applied
 * @param chargebacks the chargebacks applied
 * @param coinsClawedBack the unspent coins refunds took back
 * @param coinDebt the spent coins refunds left owed
 * @param partsReversed the diamond parts refunds took back from creators' holds
 * @param liabilityByHour the coins held by viewers at the end of each hour: the platform's coin liability
 * @param cashOutsRequested the cash-outs creators requested
 * @param cashOutsPaid the cash-outs paid
 * @param cashOutsFailed the cash-outs that failed at the payout provider, their diamonds returned
 * @param cashOutsReturned the cash-outs paid and then returned by the bank
 * @param cashedOut what creators received, net of fees, for payouts that stayed paid
 * @param unitTotals the sum of every account's balance per ledger unit: zero when the ledger balances
 */
public record DayFigures(
        String economy,
        LiveStreamDay.Settings settings,
        Map<String, Long> coinsSoldByChannel,
        Map<String, MonetaryAmount> salesByChannel,
        int purchases,
        int pendingPayments,
        int declinedPayments,
        int webhooksDelivered,
        Map<String, Long> giftsByType,
        Map<String, Long> coinsByGiftType,
        long giftsSent,
        int combos,
        int replays,
        Map<String, Integer> refusals,
        Map<String, Long> creatorDiamonds,
        MonetaryAmount viewerSpend,
        MonetaryAmount tax,
        MonetaryAmount storeFees,
        MonetaryAmount creatorEarnings,
        MonetaryAmount unspentCoins,
        MonetaryAmount platformTake,
        int refunds,
        int chargebacks,
        long coinsClawedBack,
        long coinDebt,
        long partsReversed,
        List<Long> liabilityByHour,
        int cashOutsRequested,
        int cashOutsPaid,
        int cashOutsFailed,
        int cashOutsReturned,
        MonetaryAmount cashedOut,
        Map<LedgerUnit, Long> unitTotals) {
    /** Checks the figures are complete. */
    public DayFigures {
        Objects.requireNonNull(economy, "economy");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(viewerSpend, "viewerSpend");
        Objects.requireNonNull(unitTotals, "unitTotals");
    }

    /**
     * Tells whether the ledger balances: every unit's accounts sum to zero.
     *
     * @return true if balanced
     */
    public boolean balanced() {
        return unitTotals.values().stream().allMatch(total -> total == 0);
    }

    /**
     * The gifts refused, all reasons together.
     *
     * @return the count
     */
    public int refused() {
        return refusals.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The coins viewers hold at the end of the day.
     *
     * @return the coin liability, zero for a day of no hours
     */
    public long endLiability() {
        return liabilityByHour.isEmpty() ? 0 : liabilityByHour.get(liabilityByHour.size() - 1);
    }
}
