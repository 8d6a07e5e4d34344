package dev.coinage.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Sales and refunds of one period of the configured zone's calendar, per currency.
 *
 * @param start the period's first day, not null
 * @param end the day after its last, not null
 * @param from the instant it starts in the zone, not null
 * @param until the instant it ends in the zone, exclusive, not null
 * @param lines one line per currency with sales or refunds in the period, sorted by currency code; not null
 */
public record PeriodSummary(LocalDate start, LocalDate end, Instant from, Instant until, List<PeriodLine> lines) {
    /**
     * Checks the summary.
     *
     * @param start the first day, not null
     * @param end the day after the last, not null
     * @param from the start instant, not null
     * @param until the end instant, not null
     * @param lines the lines, not null
     * @throws NullPointerException if a component is null
     */
    public PeriodSummary {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
}
