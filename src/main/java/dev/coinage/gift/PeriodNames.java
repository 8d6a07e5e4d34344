package dev.coinage.gift;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.engine.HoldPeriods;
import dev.coinage.policy.SpendingPeriods;
import java.time.Instant;

/**
 * The names of the hold period and the limit spans (day, week, month) of the current hour, computed again only when
 * the clock leaves that hour: gifts cluster in time, and naming a span formats a date.
 *
 * <p>This class is thread-safe.
 */
final class PeriodNames {
    /** The periods of limits that are spans, in the order a gift checks them. Never written. */
    static final LimitPeriod[] SPANS = {LimitPeriod.DAY, LimitPeriod.WEEK, LimitPeriod.MONTH};

    private volatile Hour current = new Hour(Long.MIN_VALUE, null, null);

    /** The hold period an instant falls in, as {@link HoldPeriods#reference} names it. */
    String hour(Instant at) {
        return at(at).hour;
    }

    /** The span of a period an instant falls in, as {@link SpendingPeriods#reference} names it. */
    String span(LimitPeriod period, Instant at) {
        return at(at).spans[index(period)];
    }

    private Hour at(Instant at) {
        long epochHour = Math.floorDiv(at.getEpochSecond(), 3600);
        Hour names = current;
        if (names.epochHour != epochHour) {
            String[] spans = new String[SPANS.length];
            for (LimitPeriod period : SPANS) {
                spans[index(period)] = SpendingPeriods.reference(period, at);
            }
            names = new Hour(epochHour, HoldPeriods.reference(at), spans);
            current = names; // benign race: every thread computes the same names for an hour
        }
        return names;
    }

    private static int index(LimitPeriod period) {
        return period.ordinal() - LimitPeriod.DAY.ordinal();
    }

    /** The names of one hour. */
    private static final class Hour {
        final long epochHour;
        final String hour;
        final String[] spans;

        Hour(long epochHour, String hour, String[] spans) {
            this.epochHour = epochHour;
            this.hour = hour;
            this.spans = spans;
        }
    }
}
