package dev.coinage.reports;

import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * One currency's sales and refunds in a period.
 *
 * @param currency the currency code, not null
 * @param purchases the purchases credited in the period
 * @param soldCoins their coins, paid and bonus
 * @param sold what buyers paid for them, not null
 * @param refunds the refunds and chargebacks applied in the period
 * @param refundedCoins the coins they refunded
 * @param refunded the cost of the paid coins they refunded, not null
 */
public record PeriodLine(
        String currency,
        long purchases,
        long soldCoins,
        MonetaryAmount sold,
        long refunds,
        long refundedCoins,
        MonetaryAmount refunded) {
    /**
     * Checks the line.
     *
     * @param currency the currency code, not null
     * @param purchases the purchases
     * @param soldCoins the coins sold
     * @param sold the money sold, not null
     * @param refunds the refunds
     * @param refundedCoins the coins refunded
     * @param refunded the money refunded, not null
     * @throws NullPointerException if an object component is null
     */
    public PeriodLine {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(sold, "sold");
        Objects.requireNonNull(refunded, "refunded");
    }
}
