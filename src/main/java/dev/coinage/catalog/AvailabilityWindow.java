package dev.coinage.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When something may be used: from an optional instant (inclusive) until an optional instant (exclusive).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param from the first instant of availability, empty for "always has been", not null
 * @param until the first instant of unavailability, empty for "forever", not null
 */
public record AvailabilityWindow(Optional<Instant> from, Optional<Instant> until) {
    /** Always available. */
    public static final AvailabilityWindow ALWAYS = new AvailabilityWindow(Optional.empty(), Optional.empty());

    /**
     * Creates a window.
     *
     * @param from the first instant of availability, not null
     * @param until the first instant of unavailability, not null
     * @throws IllegalArgumentException if {@code until} is not after {@code from}
     */
    public AvailabilityWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            throw new IllegalArgumentException("window ends at " + until.get() + ", not after its start " + from.get());
        }
    }

    /**
     * Tells whether the window contains an instant.
     *
     * @param instant the instant, not null
     * @return true if {@code from <= instant < until}
     */
    public boolean contains(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return from.map(f -> !instant.isBefore(f)).orElse(true)
                && until.map(instant::isBefore).orElse(true);
    }
}
