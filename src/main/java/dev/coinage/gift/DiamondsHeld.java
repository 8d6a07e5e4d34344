package dev.coinage.gift;

import dev.coinage.core.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A gift's earnings were credited to a creator's hold account: {@code parts / partsPerDiamond} diamonds that become
 * available when the hold period is released. Published right after the gift's {@link GiftSent}, when the gift
 * earned held parts (in platform-residue mode a gift worth less than a diamond holds none).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param creator the creator, not null
 * @param holdPeriod the hold period's reference, such as {@code 2026112509}, not null
 * @param parts the diamond parts held, positive
 * @param partsPerDiamond how many parts make a diamond, positive
 * @param releasableAt when the hold period is due for release, not null
 */
public record DiamondsHeld(UserId creator, String holdPeriod, long parts, long partsPerDiamond, Instant releasableAt) {
    /**
     * Validates the event.
     *
     * @param creator the creator, not null
     * @param holdPeriod the hold period, not null
     * @param parts the parts held
     * @param partsPerDiamond the parts per diamond
     * @param releasableAt when it is due, not null
     * @throws NullPointerException if an object field is null
     */
    public DiamondsHeld {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(holdPeriod, "holdPeriod");
        Objects.requireNonNull(releasableAt, "releasableAt");
    }
}
