package dev.coinage.core;

import java.io.Serializable;

/**
 * The key that makes a request safe to retry: the same key with the same request returns the first result and changes
 * nothing; the same key with different contents is refused with
 * {@link dev.coinage.ledger.IdempotencyConflictException}. Take it from the host's own ids (order id, webhook event id,
 * client tap id), never from a clock or a random number generated per attempt.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param value the identifier's text, as given
 */
public record IdempotencyKey(String value) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest identifier accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    /**
     * Validates the identifier.
     *
     * @param value the text, not null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public IdempotencyKey {
        Ids.check(value, "idempotency key", MAX_LENGTH);
    }

    /**
     * Obtains an identifier.
     *
     * @param value the text, not null
     * @return the identifier, never null
     * @throws IllegalArgumentException if the text is not a valid identifier (the message says why)
     */
    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
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

    /**
     * Compares the values: written out rather than left to the record's generated method, which goes through method
     * handles on every call (ids are map keys on every gift).
     *
     * @param o the other object
     * @return true if {@code o} is an IdempotencyKey with the same value
     */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof IdempotencyKey other && value.equals(other.value));
    }

    /**
     * The value's hash code, as the record's generated method gives it.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
