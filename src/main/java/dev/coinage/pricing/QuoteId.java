package dev.coinage.pricing;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a quote, recharge or cash-out.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param value the identifier's text, as given
 */
public record QuoteId(String value) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest identifier accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    /**
     * Validates the identifier.
     *
     * @param value the text, not null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public QuoteId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("quote id must be 1 to " + MAX_LENGTH + " characters, not blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("quote id must not contain control characters: index " + i);
            }
        }
    }

    /**
     * Obtains an identifier.
     *
     * @param value the text, not null
     * @return the identifier, never null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public static QuoteId of(String value) {
        return new QuoteId(value);
    }

    /**
     * A new random identifier.
     *
     * @return a random UUID as a quote id, never null
     */
    public static QuoteId random() {
        return of(UUID.randomUUID().toString());
    }

    /**
     * Returns the identifier's text.
     *
     * @return the text, never null
     */
    @Override
    public String toString() {
        return value;
    }
}
