package dev.coinage.reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * Dormant balances and estimated breakage. Purchased coins never expire (app stores require it), so nothing is taken
 * from a wallet: the report ages unspent coins by their wallet's last activity and estimates the share of dormant
 * balances that will never be spent at the configured rate.
 *
 * @param asOf the instant ages are measured from, not null
 * @param lines the age bands per currency, youngest first; not null
 * @param dormantAfter the idleness from which a balance counts as dormant, not null
 * @param rate the breakage rate applied, not null
 * @param dormant the cost of dormant balances per currency code, not null
 * @param estimatedBreakage {@code dormant × rate} per currency code, rounded half up to the minor unit, not null
 */
public record BreakageReport(
        Instant asOf,
        List<DormancyLine> lines,
        Duration dormantAfter,
        BigDecimal rate,
        Map<String, MonetaryAmount> dormant,
        Map<String, MonetaryAmount> estimatedBreakage) {
    /**
     * Checks the report.
     *
     * @param asOf the instant, not null
     * @param lines the lines, not null
     * @param dormantAfter the dormancy threshold, not null
     * @param rate the rate, not null
     * @param dormant the dormant cost per currency, not null
     * @param estimatedBreakage the estimate per currency, not null
     * @throws NullPointerException if an object component is null
     */
    public BreakageReport {
        Objects.requireNonNull(asOf, "asOf");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(dormantAfter, "dormantAfter");
        Objects.requireNonNull(rate, "rate");
        dormant = Map.copyOf(Objects.requireNonNull(dormant, "dormant"));
        estimatedBreakage = Map.copyOf(Objects.requireNonNull(estimatedBreakage, "estimatedBreakage"));
    }
}
