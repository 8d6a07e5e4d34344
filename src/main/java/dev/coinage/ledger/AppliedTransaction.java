package dev.coinage.ledger;

import dev.coinage.IdempotencyKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A transaction the ledger has applied: the request's key, kind and attributes, the entries it wrote with the
 * balances after them, and when. A retried request gets the first result back with {@link #replay()} true.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class AppliedTransaction {
    private final long id;
    private final IdempotencyKey key;
    private final String kind;
    private final Fingerprint fingerprint;
    private final Map<String, String> attributes;
    private final Instant committedAt;
    private final List<Entry> entries;
    private final Map<AccountId, Long> balancesAfter;
    private final boolean replay;

    private AppliedTransaction(
            long id,
            IdempotencyKey key,
            String kind,
            Fingerprint fingerprint,
            Map<String, String> attributes,
            Instant committedAt,
            List<Entry> entries,
            Map<AccountId, Long> balancesAfter,
            boolean replay) {
        this.id = id;
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.committedAt = Objects.requireNonNull(committedAt, "committedAt");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.balancesAfter = Objects.requireNonNull(balancesAfter, "balancesAfter");
        this.replay = replay;
    }

    /**
     * Creates the record of a newly applied transaction; for stores.
     *
     * @param id the store's transaction id
     * @param key the idempotency key, not null
     * @param kind the kind, not null
     * @param fingerprint the request's fingerprint, not null
     * @param attributes the request's attributes, not null
     * @param committedAt when it was applied, not null
     * @param entries the entries written, in posting order, not null
     * @param balancesAfter the balances after the transaction of the accounts the store read to check it: at least
     *     every member account it debited, not null
     * @return the record, never null
     */
    public static AppliedTransaction of(
            long id,
            IdempotencyKey key,
            String kind,
            Fingerprint fingerprint,
            Map<String, String> attributes,
            Instant committedAt,
            List<Entry> entries,
            Map<AccountId, Long> balancesAfter) {
        return new AppliedTransaction(
                id,
                key,
                kind,
                fingerprint,
                Map.copyOf(attributes),
                committedAt,
                List.copyOf(entries),
                Map.copyOf(balancesAfter),
                false);
    }

    /**
     * Returns this result marked as returned to a retried request.
     *
     * @return a copy with {@link #replay()} true, never null
     */
    public AppliedTransaction asReplay() {
        return replay
                ? this
                : new AppliedTransaction(
                        id, key, kind, fingerprint, attributes, committedAt, entries, balancesAfter, true);
    }

    /**
     * Returns the store's id of the transaction.
     *
     * @return the id, unique within the store
     */
    public long id() {
        return id;
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
     * Returns the fingerprint of the request that was applied.
     *
     * @return the fingerprint, never null
     */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * Returns the request's references.
     *
     * @return an unmodifiable map, never null
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * Returns when the transaction was applied.
     *
     * @return the instant, never null
     */
    public Instant committedAt() {
        return committedAt;
    }

    /**
     * Returns the entries written, one per posting, in posting order.
     *
     * @return an unmodifiable list, never null
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Returns the entry written to one account.
     *
     * @param account the account, not null
     * @return the entry, empty if the transaction did not post to the account
     */
    public Optional<Entry> entry(AccountId account) {
        Objects.requireNonNull(account, "account");
        for (Entry e : entries) {
            if (e.account().equals(account)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns an account's balance right after this transaction, as the store saw it when checking the transaction.
     * Known at least for every member account the transaction debited (a sender's wallet after a gift); a store may
     * leave it unknown for accounts it only credited.
     *
     * @param account the account, not null
     * @return the balance, empty if the store did not read it
     */
    public OptionalLong balanceAfter(AccountId account) {
        Long b = balancesAfter.get(Objects.requireNonNull(account, "account"));
        return b == null ? OptionalLong.empty() : OptionalLong.of(b);
    }

    /**
     * Tells whether this result was returned to a retry instead of being applied now.
     *
     * @return true for a replayed result
     */
    public boolean replay() {
        return replay;
    }

    @Override
    public String toString() {
        return "AppliedTransaction[" + id + ", " + key + ", " + kind + (replay ? ", replay" : "") + ", " + entries
                + "]";
    }
}
