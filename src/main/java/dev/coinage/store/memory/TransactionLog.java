package dev.coinage.store.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The applied transactions by index (the transaction's id less one), as two columns in fixed-size chunks: each
 * transaction's record ({@link Records}) and its kind's number. An index is reserved once a transaction's checks have
 * passed, and its record published when written; until then the slot reads as empty.
 *
 * <p>Chunks are never copied, only the small directory is, so the log grows without copying what it holds and
 * without arrays large enough to strain the garbage collector.
 *
 * <p>Thread-safe.
 */
final class TransactionLog {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final VarHandle RECORDS = MethodHandles.arrayElementVarHandle(byte[][].class);

    private static final class Chunk {
        final byte[][] records = new byte[CHUNK][];
        final int[] kinds = new int[CHUNK];
    }

    private final AtomicInteger next = new AtomicInteger();
    private volatile Chunk[] chunks = new Chunk[16];

    /**
     * Reserves the indices of {@code count} transactions about to be written.
     *
     * @return the first index
     * @throws IllegalStateException if the store holds as many transactions as an {@code int} can count
     */
    int reserve(int count) {
        int first = next.getAndAdd(count);
        if (first < 0 || first + count < 0) {
            next.getAndAdd(-count);
            throw new IllegalStateException("the in-memory store is full: " + Integer.MAX_VALUE + " transactions");
        }
        return first;
    }

    /** Writes a reserved transaction's record and makes it visible. */
    void publish(int index, int kind, byte[] record) {
        Chunk c = chunkFor(index);
        int slot = index & (CHUNK - 1);
        c.kinds[slot] = kind;
        RECORDS.setRelease(c.records, slot, record);
    }

    /** Returns a transaction's record, null if it is not (yet) written. */
    byte[] record(int index) {
        Chunk[] all = chunks;
        int chunk = index >>> CHUNK_BITS;
        if (index < 0 || chunk >= all.length || all[chunk] == null) {
            return null;
        }
        return (byte[]) RECORDS.getAcquire(all[chunk].records, index & (CHUNK - 1));
    }

    /** Returns a written transaction's kind number; only meaningful once {@link #record} returned its record. */
    int kind(int index) {
        return chunks[index >>> CHUNK_BITS].kinds[index & (CHUNK - 1)];
    }

    /** Returns how many indices were reserved: every written transaction's index is below it. */
    int reserved() {
        return Math.max(0, next.get());
    }

    /**
     * Finds the first written transaction of a kind at or after an index.
     *
     * @return its index, or -1 if there is none below {@code end}
     */
    int nextOfKind(int kind, int from, int end) {
        for (int i = from; i < end; ) {
            Chunk[] all = chunks;
            int chunk = i >>> CHUNK_BITS;
            if (chunk >= all.length || all[chunk] == null) {
                i = (chunk + 1) << CHUNK_BITS;
                continue;
            }
            Chunk c = all[chunk];
            int stop = Math.min(end, (chunk + 1) << CHUNK_BITS);
            for (; i < stop; i++) {
                int slot = i & (CHUNK - 1);
                // The kind is written before the record is published: a match counts once the record is visible.
                if (c.kinds[slot] == kind && RECORDS.getAcquire(c.records, slot) != null) {
                    return i;
                }
            }
        }
        return -1;
    }

    private Chunk chunkFor(int index) {
        int chunk = index >>> CHUNK_BITS;
        Chunk[] all = chunks;
        if (chunk < all.length && all[chunk] != null) {
            return all[chunk];
        }
        synchronized (this) {
            all = chunks;
            if (chunk < all.length && all[chunk] != null) {
                return all[chunk];
            }
            all = Arrays.copyOf(all, Math.max(all.length * (chunk < all.length ? 1 : 2), chunk + 1));
            all[chunk] = new Chunk();
            chunks = all;
            return all[chunk];
        }
    }
}
