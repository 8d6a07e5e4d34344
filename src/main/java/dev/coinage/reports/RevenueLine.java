package dev.coinage.reports;

import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * The money of one currency's purchases, each paid coin in exactly one state: refunded, recognised as revenue (spent on
 * gifts and not refunded), or outstanding (unspent). {@code sold = refunded + recognised + outstanding}, in coins and
 * in money. The recognised money splits into tax, the store's fee and the platform's net revenue.
 *
 * @param currency the currency code, not null
 * @param soldCoins the paid coins sold
 * @param sold what buyers paid, not null
 * @param refundedCoins the paid coins refunded
 * @param refunded their cost, not null
 * @param recognisedCoins the paid coins recognised as revenue
 * @param recognised their cost, not null
 * @param outstandingCoins the paid coins unspent
 * @param outstanding their cost: the deferred revenue, not null
 * @param tax the tax in the recognised money, not null
 * @param storeFee the store's fee in the recognised money, not null
 * @param netRevenue {@code recognised - tax - storeFee}, not null
 */
public record RevenueLine(
        String currency,
        long soldCoins,
        MonetaryAmount sold,
        long refundedCoins,
        MonetaryAmount refunded,
        long recognisedCoins,
        MonetaryAmount recognised,
        long outstandingCoins,
        MonetaryAmount outstanding,
        MonetaryAmount tax,
        MonetaryAmount storeFee,
        MonetaryAmount netRevenue) {
    /**
     * Checks the line.
     *
     * @param currency the currency code, not null
     * @param soldCoins the paid coins sold
     * @param sold the money sold, not null
     * @param refundedCoins the coins refunded
     * @param refunded the money refunded, not null
     * @param recognisedCoins the coins recognised
     * @param recognised the money recognised, not null
     * @param outstandingCoins the coins outstanding
     * @param outstanding the money outstanding, not null
     * @param tax the tax recognised, not null
     * @param storeFee the store fee recognised, not null
     * @param netRevenue the net revenue, not null
     * @throws NullPointerException if an object component is null
     */
    public RevenueLine {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(sold, "sold");
        Objects.requireNonNull(refunded, "refunded");
        Objects.requireNonNull(recognised, "recognised");
        Objects.requireNonNull(outstanding, "outstanding");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(storeFee, "storeFee");
        Objects.requireNonNull(netRevenue, "netRevenue");
    }
}
