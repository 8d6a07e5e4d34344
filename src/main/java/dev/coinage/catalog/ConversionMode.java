package dev.coinage.catalog;

import java.util.Objects;

/** What happens to the fraction of a diamond that {@code coins × share} leaves over. */
public enum ConversionMode {
    /** The fraction is carried per creator, so a creator always holds exactly {@code floor(total coins × share)}. */
    CARRY("carry"),
    /** The fraction is booked to the platform's rounding residue account. */
    PLATFORM_RESIDUE("platform-residue");

    private final String code;

    ConversionMode(String code) {
        this.code = code;
    }

    /**
     * Returns the name used in economy definitions.
     *
     * @return {@code "carry"} or {@code "platform-residue"}, never null
     */
    public String code() {
        return code;
    }

    /**
     * Finds the mode with a definition name.
     *
     * @param code the name, not null
     * @return the mode, never null
     * @throws IllegalArgumentException if no mode has that name
     */
    public static ConversionMode ofCode(String code) {
        Objects.requireNonNull(code, "code");
        for (ConversionMode m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("conversion mode must be 'carry' or 'platform-residue': '" + code + "'");
    }
}
