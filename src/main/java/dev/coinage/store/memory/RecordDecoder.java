package dev.coinage.store.memory;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import java.time.Instant;

/**
 * Reads back what the records of an {@link InMemoryLedgerStore} hold: a whole transaction, one of its entries, or its
 * fingerprint (to tell a replay from a conflict). Records are never changed once written.
 *
 * <p>This class is thread-safe.
 */
final class RecordDecoder {
    private final Texts texts;
    private final Kinds kinds;
    private final Accounts accounts;
    private final TransactionLog log;

    RecordDecoder(Texts texts, Kinds kinds, Accounts accounts, TransactionLog log) {
        this.texts = texts;
        this.kinds = kinds;
        this.accounts = accounts;
        this.log = log;
    }

    private Records.Reader reader(long location) {
        return new Records.Reader(log.page(location), TransactionLog.offset(location), texts);
    }

    /** The fingerprint text of the transaction whose record is at a location. */
    String fingerprint(long location) {
        Records.Reader r = reader(location);
        r.skipString();
        r.varLong();
        return r.string();
    }

    /**
     * Rebuilds the transaction whose record is at a location; {@code index} is its place in the log (its id − 1).
     */
    AppliedTransaction transaction(int index, long location) {
        Records.Reader r = reader(location);
        String key = r.string();
        String kind = kinds.name((int) r.varLong());
        String fingerprint = r.string();
        int attributes = (int) r.varLong();
        String[] names = new String[attributes];
        String[] values = new String[attributes];
        for (int i = 0; i < attributes; i++) {
            names[i] = r.string();
            values[i] = r.string();
        }
        Instant at = Instant.ofEpochSecond(r.signed(), r.varLong());
        int n = (int) r.varLong();
        AccountId[] ids = new AccountId[n];
        long[] amounts = new long[n];
        long[] sequences = new long[n];
        long[] after = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = accounts.id((int) r.varLong());
            amounts[i] = r.signed();
            sequences[i] = r.varLong();
            after[i] = r.signed();
        }
        return AppliedTransaction.ofColumns(
                index + 1L,
                IdempotencyKey.of(key),
                kind,
                Fingerprint.of(fingerprint),
                names,
                values,
                at,
                ids,
                amounts,
                sequences,
                after);
    }

    /** Makes the entry that the transaction whose record is at a location wrote to an account (of the given handle). */
    Entry entry(int index, long location, int handle, AccountId account, long sequence) {
        Records.Reader r = reader(location);
        r.skipString();
        String kind = kinds.name((int) r.varLong());
        r.skipTexts();
        Instant at = Instant.ofEpochSecond(r.signed(), r.varLong());
        int n = (int) r.varLong();
        for (int i = 0; i < n; i++) {
            int h = (int) r.varLong();
            long amount = r.signed();
            r.varLong();
            r.signed();
            if (h == handle) {
                return new Entry(index + 1L, sequence, account, amount, kind, at);
            }
        }
        throw new IllegalStateException("transaction " + (index + 1) + " has no entry for " + account);
    }
}
