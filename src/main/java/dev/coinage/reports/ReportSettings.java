package dev.coinage.reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How reports are made: the zone whose calendar days and months the period summaries follow, the breakage rate
 * applied to dormant balances, and the idleness after which a balance counts as dormant.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param zone the zone of the period summaries, not null
 * @param breakageRate the share of dormant balances' cost expected never to be spent, from 0 to 1, not null
 * @param dormantAfter how long a wallet must have been idle for its balance to count as dormant, positive, not null
 */
public record ReportSettings(ZoneId zone, BigDecimal breakageRate, Duration dormantAfter) {
    /**
     * Checks the settings.
     *
     * @param zone the zone, not null
     * @param breakageRate the breakage rate, from 0 to 1, not null
     * @param dormantAfter the idleness before a balance is dormant, positive, not null
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the rate is outside [0, 1] or the duration not positive
     */
    public ReportSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(breakageRate, "breakageRate");
        Objects.requireNonNull(dormantAfter, "dormantAfter");
        if (breakageRate.signum() < 0 || breakageRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("breakageRate must be from 0 to 1: " + breakageRate);
        }
        if (dormantAfter.isZero() || dormantAfter.isNegative()) {
            throw new IllegalArgumentException("dormantAfter must be positive: " + dormantAfter);
        }
    }

    /**
     * Returns the defaults: UTC, no breakage, dormant after 365 days.
     *
     * @return the default settings, never null
     */
    public static ReportSettings defaults() {
        return new ReportSettings(ZoneOffset.UTC, BigDecimal.ZERO, Duration.ofDays(365));
    }
}
