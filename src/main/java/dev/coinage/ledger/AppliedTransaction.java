package dev.coinage.ledger;

import dev.coinage.core.IdempotencyKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A transaction the ledger has applied: the request's key, kind and attributes, the entries it wrote, the balances
 * the store checked, and when. A retried request gets the first result back with {@link #replay()} true.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class AppliedTransaction {
    private final long id;
    private final IdempotencyKey key;
    private final String kind;
    private final Map<String, String> attributes;
    // Either the request (its fingerprint is computed only if asked for) or the fingerprint itself.
    private final TransactionRequest request;
    private final Fingerprint fingerprint;
    private final Instant committedAt;
    private final List<Entry> entries;
    private final AccountId[] balanceAccounts;
    private final long[] balances;
    private final boolean replay;

    private AppliedTransaction(
            long id,
            IdempotencyKey key,
            String kind,
            Map<String, String> attributes,
            TransactionRequest request,
            Fingerprint fingerprint,
            Instant committedAt,
            List<Entry> entries,
            AccountId[] balanceAccounts,
            long[] balances,
            boolean replay) {
        this.id = id;
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.request = request;
        this.fingerprint = fingerprint;
        this.committedAt = Objects.requireNonNull(committedAt, "committedAt");
        this.entries = entries;
        this.balanceAccounts = balanceAccounts;
        this.balances = balances;
        this.replay = replay;
    }

    /**
     * Creates the record of a transaction; for stores, typically when reading one back.
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
        Objects.requireNonNull(fingerprint, "fingerprint");
        AccountId[] accounts = new AccountId[balancesAfter.size()];
        long[] balances = new long[accounts.length];
        int i = 0;
        for (Map.Entry<AccountId, Long> b : balancesAfter.entrySet()) {
            accounts[i] = Objects.requireNonNull(b.getKey(), "balancesAfter key");
            balances[i++] = Objects.requireNonNull(b.getValue(), "balancesAfter value");
        }
        return new AppliedTransaction(
                id,
                key,
                kind,
                Map.copyOf(attributes),
                null,
                fingerprint,
                committedAt,
                List.copyOf(entries),
                accounts,
                balances,
                false);
    }

    /**
     * Creates the record of a request just applied, with the balance after it of every account it posted to; for
     * stores. Key, kind, attributes and fingerprint are the request's.
     *
     * @param request the applied request, not null
     * @param id the store's transaction id
     * @param committedAt when it was applied, not null
     * @param entries the entries written, one per posting in posting order, not null
     * @param balancesAfter the balance after the transaction of each posting's account, in posting order, not null
     * @return the record, never null
     * @throws IllegalArgumentException if the entries or balances do not match the postings one to one
     */
    public static AppliedTransaction of(
            TransactionRequest request, long id, Instant committedAt, Entry[] entries, long[] balancesAfter) {
        List<Posting> postings = request.postings();
        if (entries.length != postings.size() || balancesAfter.length != postings.size()) {
            throw new IllegalArgumentException("need one entry and one balance per posting, have " + entries.length
                    + " and " + balancesAfter.length + " for " + postings.size());
        }
        AccountId[] accounts = new AccountId[entries.length];
        for (int i = 0; i < entries.length; i++) {
            accounts[i] = postings.get(i).account();
            if (!entries[i].account().equals(accounts[i])) {
                throw new IllegalArgumentException(
                        "entry " + i + " is for " + entries[i].account() + ", not " + accounts[i]);
            }
        }
        return new AppliedTransaction(
                id,
                request.key(),
                request.kind(),
                request.attributes(),
                request,
                null,
                committedAt,
                List.of(entries),
                accounts,
                balancesAfter.clone(),
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
                        id,
                        key,
                        kind,
                        attributes,
                        request,
                        fingerprint,
                        committedAt,
                        entries,
                        balanceAccounts,
                        balances,
                        true);
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
        return fingerprint != null ? fingerprint : request.fingerprint();
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
        Objects.requireNonNull(account, "account");
        for (int i = 0; i < balanceAccounts.length; i++) {
            if (balanceAccounts[i].equals(account)) {
                return OptionalLong.of(balances[i]);
            }
        }
        return OptionalLong.empty();
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
        List<String> after = new ArrayList<>();
        for (int i = 0; i < balanceAccounts.length; i++) {
            after.add(balanceAccounts[i] + "=" + balances[i]);
        }
        return "AppliedTransaction[" + id + ", " + key + ", " + kind + (replay ? ", replay" : "") + ", " + entries
                + ", after " + after + "]";
    }
}
