package dev.coinage.engine;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Hold periods: the UTC hour a gift's earnings are held in, named {@code yyyyMMddHH} in account references. This is
 * the one place that writes and reads that name; everything else handles the period as its epoch hour.
 */
public final class HoldPeriods {
    private HoldPeriods() {}

    /**
     * The reference of the hold period an instant falls in.
     *
     * @param at the instant, not null
     * @return the reference, such as {@code 2026112509}, never null
     */
    public static String reference(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(Objects.requireNonNull(at, "at"), ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(10).append(t.getYear());
        pad(s, t.getMonthValue());
        pad(s, t.getDayOfMonth());
        pad(s, t.getHour());
        return s.toString();
    }

    private static void pad(StringBuilder s, int n) {
        if (n < 10) {
            s.append('0');
        }
        s.append(n);
    }

    /**
     * The hour since the epoch that a reference names, if it is a hold period's.
     *
     * @param reference an account reference, not null
     * @return the epoch hour, empty if the reference is not of the form {@code yyyyMMddHH}
     */
    public static OptionalLong epochHour(String reference) {
        if (reference.length() != 10) {
            return OptionalLong.empty();
        }
        int[] fields = new int[4]; // year, month, day, hour; small enough to stay off the heap once compiled
        for (int i = 0; i < 10; i++) {
            char c = reference.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            int f = i < 4 ? 0 : (i - 4) / 2 + 1;
            fields[f] = fields[f] * 10 + (c - '0');
        }
        if (fields[3] > 23) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(LocalDate.of(fields[0], fields[1], fields[2]).toEpochDay() * 24 + fields[3]);
        } catch (DateTimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The start of a hold period.
     *
     * @param reference the period's reference, not null
     * @return its first instant, never null
     * @throws IllegalArgumentException if the reference is not of the form {@code yyyyMMddHH}
     */
    public static Instant start(String reference) {
        Objects.requireNonNull(reference, "holdPeriod");
        OptionalLong hour = epochHour(reference);
        if (hour.isEmpty()) {
            throw new IllegalArgumentException("hold period must be yyyyMMddHH: '" + reference + "'");
        }
        return Instant.ofEpochSecond(hour.getAsLong() * 3600);
    }

    /**
     * When a hold period may be released: the end of its hour plus the hold window.
     *
     * @param reference the period's reference, not null
     * @param holdWindow the economy's hold window, not null
     * @return the first instant at which it is due, never null
     * @throws IllegalArgumentException if the reference is not of the form {@code yyyyMMddHH}
     */
    public static Instant releasableAt(String reference, Duration holdWindow) {
        return start(reference).plus(1, ChronoUnit.HOURS).plus(holdWindow);
    }
}
