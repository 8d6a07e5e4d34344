package dev.coinage.recharge;

import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * Diamond parts a refund took back from a creator's hold: what the refunded purchase's spent coins had earned the
 * creator in that hold period, before it was released.
 *
 * @param creator the creator, not null
 * @param holdPeriod the hold period, {@code yyyyMMddHH}, not null
 * @param parts the diamond parts taken back, positive
 */
public record HoldReversal(UserId creator, String holdPeriod, long parts) {
    /**
     * Checks the reversal.
     *
     * @param creator the creator, not null
     * @param holdPeriod the hold period, not null
     * @param parts the parts, positive
     * @throws NullPointerException if an object component is null
     * @throws IllegalArgumentException if {@code parts} is not positive
     */
    public HoldReversal {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(holdPeriod, "holdPeriod");
        if (parts <= 0) {
            throw new IllegalArgumentException("a reversal takes back a positive number of parts: " + parts);
        }
    }
}
