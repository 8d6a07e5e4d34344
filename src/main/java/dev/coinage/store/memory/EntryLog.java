package dev.coinage.store.memory;

import java.util.Arrays;

/**
 * An account's entries, append-only: per entry, the index of the transaction that wrote it, in {@code int} chunks. The
 * transaction's record holds the amount, kind and time, and names the account once, so an entry costs this log four
 * bytes; the entry's sequence is its position here plus one.
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

    private int[][] transactions = new int[1][];
    private int size;

    void add(int transaction) {
        int chunk = size >>> CHUNK_BITS;
        if (chunk == transactions.length) {
            transactions = Arrays.copyOf(transactions, transactions.length * 2);
        }
        if (transactions[chunk] == null) {
            // The first chunk of an account starts small: most member accounts have few entries.
            transactions[chunk] = new int[chunk == 0 ? 4 : CHUNK];
        } else if (chunk == 0 && size == transactions[0].length) {
            transactions[0] = Arrays.copyOf(transactions[0], Math.min(CHUNK, size * 4));
        }
        transactions[chunk][size & (CHUNK - 1)] = transaction;
        size++;
    }

    /** Returns the index of the transaction that wrote an entry, by the entry's position. */
    int transaction(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("entry " + index + " of " + size);
        }
        return transactions[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    int size() {
        return size;
    }
}
