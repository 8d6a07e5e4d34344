package dev.coinage.reports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Revenue recognised as coins are consumed, per currency; creators' payables; and the platform's take.
 *
 * @param lines one line per currency purchases were made in, sorted by currency code; not null
 * @param creators what creators earned and are owed, not null
 * @param debtCoins the coins members owe after refunds of coins they had spent: revenue not realised yet
 * @param platformTake the net revenue less the creator share ({@link CreatorPayable#earned}), when every purchase was
 *     in the currency diamonds are valued in; empty otherwise (convert the lines first), not null
 */
public record RevenueReport(
        List<RevenueLine> lines, CreatorPayable creators, long debtCoins, Optional<MonetaryAmount> platformTake) {
    /**
     * Checks the report.
     *
     * @param lines the lines, not null
     * @param creators the creators' payable, not null
     * @param debtCoins the coins owed
     * @param platformTake the platform's take, or empty, not null
     * @throws NullPointerException if an object component is null
     */
    public RevenueReport {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(creators, "creators");
        Objects.requireNonNull(platformTake, "platformTake");
    }
}
