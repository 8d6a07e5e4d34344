package dev.coinage.recharge;

import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * Diamond parts a refund took back from a creator after they were released from the hold, under
 * {@link dev.coinage.catalog.ReleasedPartsPolicy#TAKE_FROM_AVAILABLE}: from the creator's carry first, then from their
 * whole diamonds (a diamond broken into parts gives its unused parts back to the carry), and the rest as the creator's
 * debt.
 *
 * @param creator the creator, not null
 * @param parts the diamond parts taken back, positive
 * @param diamonds the whole diamonds taken from the creator's available diamonds, zero or positive
 * @param debt the parts the carry and diamonds did not cover, now owed by the creator, zero or positive
 */
public record ReleaseReversal(UserId creator, long parts, long diamonds, long debt) {
    /**
     * Checks the reversal.
     *
     * @param creator the creator, not null
     * @param parts the parts, positive
     * @param diamonds the diamonds, not negative
     * @param debt the debt, not negative and at most {@code parts}
     * @throws NullPointerException if {@code creator} is null
     * @throws IllegalArgumentException if a figure is out of range
     */
    public ReleaseReversal {
        Objects.requireNonNull(creator, "creator");
        if (parts <= 0) {
            throw new IllegalArgumentException("a reversal takes back a positive number of parts: " + parts);
        }
        if (diamonds < 0) {
            throw new IllegalArgumentException("diamonds must not be negative: " + diamonds);
        }
        if (debt < 0 || debt > parts) {
            throw new IllegalArgumentException("debt must be 0 to parts " + parts + ": " + debt);
        }
    }
}
