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
    // The fingerprint, never the request: a record is kept for the life of the ledger, the request's graph is not.
    private final Fingerprint fingerprint;
    private final Instant committedAt;
    // The entries, either as given (a record read back) or as columns (a record made by a store as it applies: the
    // posting accounts double as the balance accounts, and no Entry object is kept).
    private final List<Entry> entries;
    private final AccountId[] entryAccounts;
    private final long[] entryAmounts;
    // Or, for a record made from a request as it is applied, the request's postings (immutable) in their place.
    private final List<Posting> postings;
    private final long[] entrySequences;
    private final AccountId[] balanceAccounts;
    private final long[] balances;
    private final boolean replay;

    private AppliedTransaction(
            long id,
            IdempotencyKey key,
            String kind,
            Map<String, String> attributes,
            Fingerprint fingerprint,
            Instant committedAt,
            List<Entry> entries,
            AccountId[] entryAccounts,
            long[] entryAmounts,
            List<Posting> postings,
            long[] entrySequences,
            AccountId[] balanceAccounts,
            long[] balances,
            boolean replay) {
        this.id = id;
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.fingerprint = fingerprint;
        this.committedAt = Objects.requireNonNull(committedAt, "committedAt");
        this.entries = entries;
        this.entryAccounts = entryAccounts;
        this.entryAmounts = entryAmounts;
        this.postings = postings;
        this.entrySequences = entrySequences;
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
                fingerprint,
                committedAt,
                List.copyOf(entries),
                null,
                null,
                null,
                null,
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
        long[] sequences = new long[entries.length];
        for (int i = 0; i < entries.length; i++) {
            AccountId account = postings.get(i).account();
            if (!entries[i].account().equals(account)) {
                throw new IllegalArgumentException(
                        "entry " + i + " is for " + entries[i].account() + ", not " + account);
            }
            sequences[i] = entries[i].sequence();
        }
        return of(request, id, committedAt, sequences, balancesAfter.clone());
    }

    /**
     * Creates the record of a request just applied, from the sequence each entry took in its account and the balance
     * after it of every account it posted to; for stores. Key, kind, attributes and fingerprint are the request's, the
     * entries are the postings'. The record keeps no {@link Entry} objects and not the request, only its immutable
     * postings: {@link #entries()} makes the entries when asked. The two arrays become the record's (no copy is made, as stores make them for the
     * record): the caller must not change them afterwards.
     *
     * @param request the applied request, not null
     * @param id the store's transaction id
     * @param committedAt when it was applied, not null
     * @param sequences the sequence of each posting's entry in its account, in posting order, each at least 1; not
     *     null
     * @param balancesAfter the balance after the transaction of each posting's account, in posting order, not null
     * @return the record, never null
     * @throws IllegalArgumentException if the sequences or balances do not match the postings one to one
     */
    public static AppliedTransaction of(
            TransactionRequest request, long id, Instant committedAt, long[] sequences, long[] balancesAfter) {
        List<Posting> postings = request.postings();
        int n = postings.size();
        if (sequences.length != n || balancesAfter.length != n) {
            throw new IllegalArgumentException("need one sequence and one balance per posting, have " + sequences.length
                    + " and " + balancesAfter.length + " for " + n);
        }
        for (int i = 0; i < n; i++) {
            if (sequences[i] < 1) {
                throw new IllegalArgumentException("sequence must be at least 1: " + sequences[i]);
            }
        }
        return new AppliedTransaction(
                id,
                request.key(),
                request.kind(),
                request.attributes(),
                request.fingerprint(),
                Objects.requireNonNull(committedAt, "committedAt"),
                null,
                null,
                null,
                postings,
                sequences,
                null,
                balancesAfter,
                false);
    }

    /**
     * Creates the record of a transaction from columns, as a store that keeps its transactions in a compact form
     * rebuilds one when it is read back: one entry per posting, in posting order, with the balance after the
     * transaction of each posting's account. The arrays become the record's (no copy is made, as stores make them for
     * the record): the caller must not change them afterwards.
     *
     * @param id the store's transaction id
     * @param key the idempotency key, not null
     * @param kind the kind, not null
     * @param fingerprint the request's fingerprint, not null
     * @param attributeNames the names of the request's attributes, not null
     * @param attributeValues their values, in the same order, not null
     * @param committedAt when it was applied, not null
     * @param accounts each posting's account, in posting order, not null
     * @param amounts each posting's signed amount, not null
     * @param sequences the sequence of each posting's entry in its account, each at least 1, not null
     * @param balancesAfter the balance after the transaction of each posting's account, not null
     * @return the record, never null
     * @throws IllegalArgumentException if the arrays differ in length or a sequence is below 1
     */
    public static AppliedTransaction ofColumns(
            long id,
            IdempotencyKey key,
            String kind,
            Fingerprint fingerprint,
            String[] attributeNames,
            String[] attributeValues,
            Instant committedAt,
            AccountId[] accounts,
            long[] amounts,
            long[] sequences,
            long[] balancesAfter) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        int n = accounts.length;
        if (amounts.length != n || sequences.length != n || balancesAfter.length != n) {
            throw new IllegalArgumentException("need one amount, sequence and balance per account, have "
                    + amounts.length + ", " + sequences.length + " and " + balancesAfter.length + " for " + n);
        }
        if (attributeNames.length != attributeValues.length) {
            throw new IllegalArgumentException("need one value per attribute name, have " + attributeValues.length
                    + " for " + attributeNames.length);
        }
        for (int i = 0; i < n; i++) {
            Objects.requireNonNull(accounts[i], "accounts[" + i + "]");
            if (sequences[i] < 1) {
                throw new IllegalArgumentException("sequence must be at least 1: " + sequences[i]);
            }
        }
        Map<String, String> attributes;
        if (attributeNames.length == 0) {
            attributes = Map.of();
        } else {
            Attributes.Builder b = new Attributes.Builder();
            for (int i = 0; i < attributeNames.length; i++) {
                b.put(
                        Objects.requireNonNull(attributeNames[i], "attribute name"),
                        Objects.requireNonNull(attributeValues[i], "attribute value"));
            }
            attributes = b.build();
        }
        return new AppliedTransaction(
                id,
                key,
                kind,
                attributes,
                fingerprint,
                Objects.requireNonNull(committedAt, "committedAt"),
                null,
                accounts,
                amounts,
                null,
                sequences,
                accounts,
                balancesAfter,
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
                        fingerprint,
                        committedAt,
                        entries,
                        entryAccounts,
                        entryAmounts,
                        postings,
                        entrySequences,
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
        if (entries != null) {
            return entries;
        }
        Entry[] made = new Entry[entryCount()];
        for (int i = 0; i < made.length; i++) {
            made[i] = entryAt(i);
        }
        return List.of(made);
    }

    private Entry entryAt(int index) {
        return new Entry(id, entrySequences[index], columnAccount(index), columnAmount(index), kind, committedAt);
    }

    private AccountId columnAccount(int index) {
        return postings != null ? postings.get(index).account() : entryAccounts[index];
    }

    private long columnAmount(int index) {
        return postings != null ? postings.get(index).amount() : entryAmounts[index];
    }

    private AccountId balanceAccount(int index) {
        return balanceAccounts != null
                ? balanceAccounts[index]
                : postings.get(index).account();
    }

    /**
     * Returns how many entries the transaction wrote: one per posting.
     *
     * @return the count, at least 2 for a store's record
     */
    public int entryCount() {
        return entries != null ? entries.size() : postings != null ? postings.size() : entryAccounts.length;
    }

    /**
     * Returns one entry, by its position in posting order; what {@code entries().get(index)} returns, without the
     * list.
     *
     * @param index the position, from 0 to {@link #entryCount()} − 1
     * @return the entry, never null
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public Entry entry(int index) {
        Objects.checkIndex(index, entryCount());
        return entries != null ? entries.get(index) : entryAt(index);
    }

    /**
     * Returns the account of one entry, by its position in posting order, without making the entry.
     *
     * @param index the position, from 0 to {@link #entryCount()} − 1
     * @return the account, never null
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public AccountId entryAccount(int index) {
        Objects.checkIndex(index, entryCount());
        return entries != null ? entries.get(index).account() : columnAccount(index);
    }

    /**
     * Returns the amount of one entry, by its position in posting order, without making the entry.
     *
     * @param index the position, from 0 to {@link #entryCount()} − 1
     * @return the signed amount, never zero
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public long entryAmount(int index) {
        Objects.checkIndex(index, entryCount());
        return entries != null ? entries.get(index).amount() : columnAmount(index);
    }

    /**
     * Returns the entry written to one account.
     *
     * @param account the account, not null
     * @return the entry, empty if the transaction did not post to the account
     */
    public Optional<Entry> entry(AccountId account) {
        Objects.requireNonNull(account, "account");
        int n = entryCount();
        for (int i = 0; i < n; i++) {
            if (entryAccount(i).equals(account)) {
                return Optional.of(entry(i));
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
        for (int i = 0; i < balances.length; i++) {
            if (balanceAccount(i).equals(account)) {
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
        for (int i = 0; i < balances.length; i++) {
            after.add(balanceAccount(i) + "=" + balances[i]);
        }
        return "AppliedTransaction[" + id + ", " + key + ", " + kind + (replay ? ", replay" : "") + ", " + entries()
                + ", after " + after + "]";
    }
}
