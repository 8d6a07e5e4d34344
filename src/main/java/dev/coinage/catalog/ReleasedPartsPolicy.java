package dev.coinage.catalog;

import java.util.Objects;

/**
 * What a refund or chargeback does with the diamond parts that its purchase's spent coins earned creators and that
 * were already released from the hold (moved into the creator's carry and whole diamonds) when the refund came.
 */
public enum ReleasedPartsPolicy {
    /**
     * The parts stay with the creators and are booked to the platform's loss account; the member covers the coins
     * they were earned with (clawed back, owed or written off). The default.
     */
    PLATFORM_LOSS("platform-loss"),
    /**
     * The parts are taken back from the creators' carry and available diamonds; what those do not cover becomes the
     * creator's debt, repaid first by later releases, and the creator may not cash out while in debt. The creators
     * cover the coins they were earned with, so the member does not.
     */
    TAKE_FROM_AVAILABLE("take-from-available");

    private final String code;

    ReleasedPartsPolicy(String code) {
        this.code = code;
    }

    /**
     * Returns the name used in economy definitions.
     *
     * @return {@code "platform-loss"} or {@code "take-from-available"}, never null
     */
    public String code() {
        return code;
    }

    /**
     * Finds the policy with a definition name.
     *
     * @param code the name, not null
     * @return the policy, never null
     * @throws IllegalArgumentException if no policy has that name
     */
    public static ReleasedPartsPolicy ofCode(String code) {
        Objects.requireNonNull(code, "code");
        for (ReleasedPartsPolicy p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "released parts policy must be 'platform-loss' or 'take-from-available': '" + code + "'");
    }
}
