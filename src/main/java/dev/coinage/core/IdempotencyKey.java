package dev.coinage.core;

import java.io.Serializable;

/**
 * The caller's key for one logical request, such as a payment provider's transaction id or a client-generated gift
 * tap id. A request retried with the same key and the same contents returns the first result and changes nothing; the
 * same key with different contents is refused with {@link dev.coinage.ledger.IdempotencyConflictException}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class IdempotencyKey implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest key accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    private final String value;

    private IdempotencyKey(String value) {
        this.value = value;
    }

    /**
     * Obtains a key.
     *
     * @param value the key, not null, not blank, at most {@value #MAX_LENGTH} characters, no control characters
     * @return the key, never null
     * @throws IllegalArgumentException if {@code value} is blank, too long or has control characters
     */
    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(Ids.check(value, "idempotency key", MAX_LENGTH));
    }

    /**
     * Returns the key's text.
     *
     * @return the text, never null
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdempotencyKey && ((IdempotencyKey) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns the key's text.
     *
     * @return the text, never null
     */
    @Override
    public String toString() {
        return value;
    }
}
