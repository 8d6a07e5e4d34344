package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import java.util.Arrays;

/**
 * An account's entries, append-only, as columns in fixed-size chunks: per entry, the transaction that wrote it and the
 * entry's position in that transaction. The transaction record already holds the account, amount, sequence, kind and
 * time, so an entry costs this log a reference and an {@code int}; the {@link Entry} object is made when read.
 *
 * <p>A busy account (a system account takes an entry for every gift) holds millions of entries; one growing array
 * would be copied on every growth and, once large, allocated outside the young generation, which makes the garbage
 * collector's work grow with the ledger. Chunks are never copied, only the small directory is.
 *
 * <p>Not thread-safe: guarded by the owning account's lock.
 */
final class EntryLog {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private AppliedTransaction[][] transactions = new AppliedTransaction[1][];
    private int[][] positions = new int[1][];
    private int size;

    void add(AppliedTransaction transaction, int position) {
        int chunk = size >>> CHUNK_BITS;
        if (chunk == transactions.length) {
            transactions = Arrays.copyOf(transactions, transactions.length * 2);
            positions = Arrays.copyOf(positions, positions.length * 2);
        }
        if (transactions[chunk] == null) {
            // The first chunk of an account starts small: most member accounts have few entries.
            int length = chunk == 0 ? 4 : CHUNK;
            transactions[chunk] = new AppliedTransaction[length];
            positions[chunk] = new int[length];
        } else if (chunk == 0 && size == transactions[0].length) {
            int length = Math.min(CHUNK, size * 4);
            transactions[0] = Arrays.copyOf(transactions[0], length);
            positions[0] = Arrays.copyOf(positions[0], length);
        }
        transactions[chunk][size & (CHUNK - 1)] = transaction;
        positions[chunk][size & (CHUNK - 1)] = position;
        size++;
    }

    Entry get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("entry " + index + " of " + size);
        }
        int chunk = index >>> CHUNK_BITS;
        int slot = index & (CHUNK - 1);
        return transactions[chunk][slot].entry(positions[chunk][slot]);
    }

    int size() {
        return size;
    }
}
