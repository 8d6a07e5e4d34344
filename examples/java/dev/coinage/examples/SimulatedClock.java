package dev.coinage.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock the simulation moves by hand, so that a simulated day (and the week of holds after it) runs in seconds and
 * the same seed always gives the same figures: nothing reads the wall clock.
 *
 * <p>This class is thread-safe.
 */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    private SimulatedClock(Instant start) {
        this.now = start;
    }

    /**
     * Starts a clock at an instant.
     *
     * @param start the first instant, not null
     * @return the clock, never null
     */
    public static SimulatedClock at(Instant start) {
        return new SimulatedClock(Objects.requireNonNull(start, "start"));
    }

    /**
     * Moves the clock to an instant, never backwards.
     *
     * @param instant the new time, not null, not before the current time
     */
    public synchronized void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the clock does not go back: " + instant + " is before " + now);
        }
        now = instant;
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far, not negative, not null
     */
    public synchronized void advance(Duration step) {
        set(now.plus(Objects.requireNonNull(step, "step")));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the simulated clock is in UTC");
    }
}
