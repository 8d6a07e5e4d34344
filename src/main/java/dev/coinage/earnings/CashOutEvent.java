package dev.coinage.earnings;

import java.time.Instant;
import java.util.Objects;

/**
 * A step of a cash-out's lifecycle, committed to the ledger: the payout after the step, when, and the reason the host
 * or provider gave for a rejection, failure or return.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param payout the payout after the step, not null
 * @param at when the step was recorded, by the economy's clock, not null
 * @param reason the reason given, empty if none, not null
 */
public record CashOutEvent(Payout payout, Instant at, String reason) {
    /**
     * Validates the event.
     *
     * @param payout the payout, not null
     * @param at the instant, not null
     * @param reason the reason, not null
     * @throws NullPointerException if a field is null
     */
    public CashOutEvent {
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
