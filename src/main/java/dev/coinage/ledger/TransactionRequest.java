package dev.coinage.ledger;

import dev.coinage.core.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to apply one balanced set of postings to the ledger, atomically and at most once per idempotency key.
 *
 * <p>A request is valid by construction: it has at least two postings, names no account twice, and in each unit its
 * postings sum to exactly zero. Whether the accounts exist and can cover the debits is decided by the store when it
 * applies the request.
 *
 * <p>The {@link #fingerprint()} identifies the request for idempotency. By default it covers the kind, the postings
 * and the attributes; a use case that derives postings from state (which may differ between a request and its retry)
 * sets the fingerprint of its own business request instead.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class TransactionRequest {
    private final IdempotencyKey key;
    private final String kind;
    private final List<Posting> postings;
    private final Map<String, String> attributes;
    // Set by the builder, or computed on first use: most requests are never compared with a retry.
    private volatile Fingerprint fingerprint;

    private TransactionRequest(Builder b) {
        this.key = b.key;
        this.kind = b.kind;
        this.postings = List.copyOf(b.postings);
        this.attributes = b.attributes == null ? Map.of() : b.attributes.build();
        this.fingerprint = b.fingerprint;
    }

    /**
     * Starts a request.
     *
     * @param key the idempotency key, not null
     * @param kind what the transaction is, such as {@code "gift"} or {@code "recharge"}: lower case letters, digits,
     *     {@code . _ -}, at most 40 characters, not null
     * @return a builder, never null
     * @throws IllegalArgumentException if {@code kind} is not of that form
     */
    public static Builder builder(IdempotencyKey key, String kind) {
        return new Builder(key, kind);
    }

    private Fingerprint defaultFingerprint() {
        Fingerprint.Builder fp = Fingerprint.builder(kind);
        for (Posting p : postings) {
            fp.add(p.account().toString()).add(p.amount()).add(p.intoDebt() ? 1 : 0);
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            fp.add(a.getKey()).add(a.getValue());
        }
        return fp.build();
    }

    /**
     * Returns the idempotency key.
     *
     * @return the key, never null
     */
    public IdempotencyKey key() {
        return key;
    }

    /**
     * Returns what the transaction is.
     *
     * @return the kind, never null
     */
    public String kind() {
        return kind;
    }

    /**
     * Returns the postings in the order they were added.
     *
     * @return an unmodifiable list of at least two postings, never null
     */
    public List<Posting> postings() {
        return postings;
    }

    /**
     * Returns the request's references (purchase id, gift id...), sorted by name.
     *
     * @return an unmodifiable map, never null
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * Returns the identity of this request's contents.
     *
     * @return the fingerprint, never null
     */
    public Fingerprint fingerprint() {
        Fingerprint f = fingerprint;
        if (f == null) {
            // Benign race: every thread computes the same value.
            f = defaultFingerprint();
            fingerprint = f;
        }
        return f;
    }

    @Override
    public String toString() {
        return "TransactionRequest[" + key + ", " + kind + ", " + postings + "]";
    }

    private static boolean isKind(String kind) {
        int n = kind.length();
        if (n == 0 || n > 40 || kind.charAt(0) < 'a' || kind.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = kind.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Collects the parts of a {@link TransactionRequest}. Instances are not thread-safe.
     */
    public static final class Builder {
        private final IdempotencyKey key;
        private final String kind;
        private final List<Posting> postings = new ArrayList<>(10); // a gift's, without a resize
        private Attributes.Builder attributes;
        private Fingerprint fingerprint;

        private Builder(IdempotencyKey key, String kind) {
            this.key = Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            if (!isKind(kind)) {
                throw new IllegalArgumentException(
                        "kind must be 1 to 40 of a-z 0-9 . _ - starting with a letter: '" + kind + "'");
            }
            this.kind = kind;
        }

        /**
         * Adds a posting.
         *
         * @param posting the posting, not null
         * @return this builder
         */
        public Builder post(Posting posting) {
            postings.add(Objects.requireNonNull(posting, "posting"));
            return this;
        }

        /**
         * Adds a credit; see {@link Posting#credit}.
         *
         * @param account the account, not null
         * @param amount the amount, positive
         * @return this builder
         */
        public Builder credit(AccountId account, long amount) {
            return post(Posting.credit(account, amount));
        }

        /**
         * Adds a debit; see {@link Posting#debit}.
         *
         * @param account the account, not null
         * @param amount the amount, positive
         * @return this builder
         */
        public Builder debit(AccountId account, long amount) {
            return post(Posting.debit(account, amount));
        }

        /**
         * Adds a debit that may leave a member account in debt; see {@link Posting#debitIntoDebt}.
         *
         * @param account the account, not null
         * @param amount the amount, positive
         * @return this builder
         */
        public Builder debitIntoDebt(AccountId account, long amount) {
            return post(Posting.debitIntoDebt(account, amount));
        }

        /**
         * Records a reference with the transaction.
         *
         * @param name the reference's name, not null
         * @param value its value, not null
         * @return this builder
         */
        public Builder attribute(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (attributes == null) {
                attributes = new Attributes.Builder();
            }
            attributes.put(name, value);
            return this;
        }

        /**
         * Sets the fingerprint of the business request this transaction carries out, replacing the default one.
         *
         * @param fingerprint the fingerprint, not null
         * @return this builder
         */
        public Builder fingerprint(Fingerprint fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /**
         * Validates and builds the request.
         *
         * @return the request, never null
         * @throws IllegalArgumentException if there are fewer than two postings, an account appears twice, or the
         *     postings of a unit do not sum to zero
         */
        public TransactionRequest build() {
            if (postings.size() < 2) {
                throw new IllegalArgumentException("a transaction needs at least two postings, has " + postings.size());
            }
            int n = postings.size();
            for (int i = 0; i < n; i++) {
                Posting p = postings.get(i);
                for (int j = 0; j < i; j++) {
                    if (postings.get(j).account().equals(p.account())) {
                        throw new IllegalArgumentException("account " + p.account() + " is posted to twice");
                    }
                }
            }
            // Each unit's postings sum to zero: summed from the first posting in the unit (a request has a handful).
            for (int i = 0; i < n; i++) {
                LedgerUnit unit = postings.get(i).account().unit();
                boolean first = true;
                for (int j = 0; j < i && first; j++) {
                    first = postings.get(j).account().unit() != unit;
                }
                if (!first) {
                    continue;
                }
                long sum = 0;
                for (int j = i; j < n; j++) {
                    Posting q = postings.get(j);
                    if (q.account().unit() == unit) {
                        try {
                            sum = Math.addExact(sum, q.amount());
                        } catch (ArithmeticException e) {
                            throw new IllegalArgumentException(
                                    "postings in " + unit.plural() + " overflow: " + postings, e);
                        }
                    }
                }
                if (sum != 0) {
                    throw new IllegalArgumentException(
                            "postings in " + unit.plural() + " sum to " + sum + ", not zero: " + postings);
                }
            }
            return new TransactionRequest(this);
        }
    }
}
