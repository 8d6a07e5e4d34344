package dev.coinage.pricing;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a quote. Random by default; a host may supply its own ids.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class QuoteId {
    /** The longest id accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    private final String value;

    private QuoteId(String value) {
        this.value = value;
    }

    /**
     * Obtains a quote id.
     *
     * @param value the id, not null, not blank, at most {@value #MAX_LENGTH} characters, no control characters
     * @return the id, never null
     * @throws IllegalArgumentException if {@code value} is blank, too long or has control characters
     */
    public static QuoteId of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("quote id must be 1 to " + MAX_LENGTH + " characters, not blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("quote id must not contain control characters: index " + i);
            }
        }
        return new QuoteId(value);
    }

    /**
     * Obtains a new random id.
     *
     * @return a random UUID as an id, never null
     */
    public static QuoteId random() {
        return new QuoteId(UUID.randomUUID().toString());
    }

    /**
     * Returns the id's text.
     *
     * @return the text, never null
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuoteId && ((QuoteId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns the id's text.
     *
     * @return the text, never null
     */
    @Override
    public String toString() {
        return value;
    }
}
