package dev.coinage.ledger;

import java.util.Objects;

/**
 * The identity of a request's contents, stored with its idempotency key. Two requests under one key are the same
 * request exactly when their fingerprints are equal.
 *
 * <p>A fingerprint is the request's canonical text, not a hash of it, so equality is exact: no collision can make two
 * different requests look alike. Stores that need a bounded column may keep a digest of {@link #value()}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Fingerprint {
    private final String value;

    private Fingerprint(String value) {
        this.value = value;
    }

    /**
     * Rebuilds a fingerprint from its {@link #value()}, as a store does when reading it back.
     *
     * @param value the canonical text, not null
     * @return the fingerprint, never null
     */
    public static Fingerprint of(String value) {
        return new Fingerprint(Objects.requireNonNull(value, "value"));
    }

    /**
     * Starts a fingerprint of a request of the given kind.
     *
     * @param kind the request kind, such as {@code "gift"}, not null
     * @return a builder, never null
     */
    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /**
     * Returns the canonical text.
     *
     * @return the text, never null
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint && ((Fingerprint) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns the canonical text.
     *
     * @return the text, never null
     */
    @Override
    public String toString() {
        return value;
    }

    /**
     * Builds a fingerprint from a request's fields in a fixed order. Each part is length-prefixed, so no choice of
     * field values can make two different field lists produce the same text.
     *
     * <p>Instances are not thread-safe; use one per request.
     */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder(64);

        private Builder(String kind) {
            add(kind);
        }

        /**
         * Appends a text field.
         *
         * @param part the field, not null
         * @return this builder
         */
        public Builder add(String part) {
            Objects.requireNonNull(part, "part");
            text.append(part.length()).append(':').append(part).append(';');
            return this;
        }

        /**
         * Appends a number field.
         *
         * @param part the field
         * @return this builder
         */
        public Builder add(long part) {
            text.append('#').append(part).append(';');
            return this;
        }

        /**
         * Appends a field by its {@code toString()}.
         *
         * @param part the field, not null
         * @return this builder
         */
        public Builder add(Object part) {
            return add(Objects.requireNonNull(part, "part").toString());
        }

        /**
         * Returns the fingerprint of the fields appended so far.
         *
         * @return the fingerprint, never null
         */
        public Fingerprint build() {
            return new Fingerprint(text.toString());
        }
    }
}
