package dev.coinage.policy;

import dev.coinage.catalog.LimitPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Objects;

/**
 * Names the calendar span, on the UTC calendar, that a spending limit counts over at an instant: {@code day-20261125},
 * {@code week-2026W48} (ISO week, so weeks start on Monday and belong to their ISO week-based year) or
 * {@code month-202611}. The name is the reference of the member's allowance account for that span.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SpendingPeriods {
    private SpendingPeriods() {}

    /**
     * Returns the reference of the span containing an instant.
     *
     * @param period {@link LimitPeriod#DAY}, {@link LimitPeriod#WEEK} or {@link LimitPeriod#MONTH}, not null
     * @param at the instant, not null
     * @return the reference, such as {@code day-20261125}, never null
     * @throws IllegalArgumentException if {@code period} is {@link LimitPeriod#PER_GIFT}, which has no span
     */
    public static String reference(LimitPeriod period, Instant at) {
        LocalDate d = LocalDate.ofInstant(Objects.requireNonNull(at, "at"), ZoneOffset.UTC);
        switch (Objects.requireNonNull(period, "period")) {
            case DAY:
                return "day-" + d.getYear() + two(d.getMonthValue()) + two(d.getDayOfMonth());
            case WEEK:
                return "week-" + d.get(IsoFields.WEEK_BASED_YEAR) + "W" + two(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH:
                return "month-" + d.getYear() + two(d.getMonthValue());
            default:
                throw new IllegalArgumentException(period + " limits count no calendar span");
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
