package dev.coinage.store.memory;

import dev.coinage.ledger.Entry;
import java.util.Arrays;

/**
 * An account's entries, append-only, in fixed-size chunks. A busy account (a system account takes an entry for every
 * gift) holds millions of entries; one growing array would be copied on every growth and, once large, allocated
 * outside the young generation, which makes the garbage collector's work grow with the ledger. Chunks are never
 * copied, only the small directory is.
 *
 * <p>Not thread-safe: guarded by the owning account's lock.
 */
final class EntryLog {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private Entry[][] chunks = new Entry[1][];
    private int size;

    void add(Entry entry) {
        int chunk = size >>> CHUNK_BITS;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null) {
            // The first chunk of an account starts small: most member accounts have few entries.
            chunks[chunk] = new Entry[chunk == 0 ? 8 : CHUNK];
        } else if (chunk == 0 && size == chunks[0].length) {
            chunks[0] = Arrays.copyOf(chunks[0], Math.min(CHUNK, size * 4));
        }
        chunks[chunk][size & (CHUNK - 1)] = entry;
        size++;
    }

    Entry get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("entry " + index + " of " + size);
        }
        return chunks[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    int size() {
        return size;
    }
}
