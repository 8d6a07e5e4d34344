package dev.coinage.earnings;

import dev.coinage.core.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A creator's due hold accounts were released: their parts moved to the carry and whole diamonds were minted.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param creator the creator, not null
 * @param holdPeriods the references of the hold periods released; copied, not null
 * @param partsReleased the diamond parts moved out of hold
 * @param diamondsMinted the whole diamonds credited, possibly 0
 * @param carryAfter the parts left in the creator's carry, below one diamond
 * @param at the instant the release ran for, not null
 */
public record HoldReleased(
        UserId creator,
        List<String> holdPeriods,
        long partsReleased,
        long diamondsMinted,
        long carryAfter,
        Instant at) {
    /**
     * Validates the event.
     *
     * @param creator the creator, not null
     * @param holdPeriods the periods, not null
     * @param partsReleased the parts released
     * @param diamondsMinted the diamonds minted
     * @param carryAfter the carry after
     * @param at the instant, not null
     * @throws NullPointerException if an object field is null
     */
    public HoldReleased {
        Objects.requireNonNull(creator, "creator");
        holdPeriods = List.copyOf(holdPeriods);
        Objects.requireNonNull(at, "at");
    }
}
