package dev.coinage.store.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The applied transactions by index (the transaction's id less one), as two columns in fixed-size chunks: each
 * transaction's location (where its record, {@link Records}, starts) and its kind's number; and the pages that hold
 * the records. An index is reserved once a transaction's checks have passed, and its location published when its record
 * is written; until then the slot reads as empty.
 *
 * <p>Records are packed side by side in pages (byte arrays of up to 64 KiB), each page filled by one thread
 * ({@link Records.Writer}): a transaction costs its record's bytes and an eight-byte location, not an array of its own
 * with its header, and a page is one object for the garbage collector to track instead of hundreds. A location is the
 * page's number (from 1) in the high 32 bits and the record's offset in the page in the low 32 bits, so 0 means none.
 *
 * <p>Chunks and pages are never copied, only the small directories are, so the log grows without copying what it
 * holds and without arrays large enough to strain the garbage collector.
 *
 * <p>Thread-safe: a page's bytes are written by its thread before the location of a record in it is published (with
 * release semantics), and read only after the location is read (with acquire semantics).
 */
final class TransactionLog {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final VarHandle LOCATIONS = MethodHandles.arrayElementVarHandle(long[].class);

    private static final class Chunk {
        final long[] locations = new long[CHUNK];
        final int[] kinds = new int[CHUNK];
    }

    private final AtomicInteger next = new AtomicInteger();
    private volatile Chunk[] chunks = new Chunk[16];
    /** The pages by number; page 0 is never used, so that a location is never 0. */
    private volatile byte[][] pages = new byte[16][];
    /** How many page numbers are given (including 0); guarded by the pages' lock. */
    private int pageCount = 1;

    private final Object pageLock = new Object();

    /** The location of the record at {@code offset} in page {@code page}. */
    static long location(int page, int offset) {
        return ((long) page << 32) | offset;
    }

    /** The offset in its page of the record at a location. */
    static int offset(long location) {
        return (int) location;
    }

    /** The page of a record, by its location. */
    byte[] page(long location) {
        return pages[(int) (location >>> 32)];
    }

    /**
     * Gives a page its number, under which the locations of the records written to it will name it.
     *
     * @return the page's number
     * @throws IllegalStateException if the log holds as many pages as an {@code int} can count
     */
    int addPage(byte[] page) {
        synchronized (pageLock) {
            int number = pageCount;
            if (number == Integer.MAX_VALUE) {
                throw new IllegalStateException("the in-memory store is full: " + number + " pages of transactions");
            }
            byte[][] all = pages;
            if (number == all.length) {
                all = Arrays.copyOf(all, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * all.length));
            }
            all[number] = page;
            pages = all; // a volatile write after the page's, so that a reader of the directory finds it
            pageCount = number + 1;
            return number;
        }
    }

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

    /** Makes a reserved transaction visible: its kind, and the location of its record (already in its page). */
    void publish(int index, int kind, long location) {
        Chunk c = chunkFor(index);
        int slot = index & (CHUNK - 1);
        c.kinds[slot] = kind;
        LOCATIONS.setRelease(c.locations, slot, location);
    }

    /** Returns the location of a transaction's record, 0 if it is not (yet) written. */
    long location(int index) {
        Chunk[] all = chunks;
        int chunk = index >>> CHUNK_BITS;
        if (index < 0 || chunk >= all.length || all[chunk] == null) {
            return 0;
        }
        return (long) LOCATIONS.getAcquire(all[chunk].locations, index & (CHUNK - 1));
    }

    /** Returns a written transaction's kind number; only meaningful once {@link #location} returned its location. */
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
                // The kind is written before the location is published: a match counts once the location is visible.
                if (c.kinds[slot] == kind && (long) LOCATIONS.getAcquire(c.locations, slot) != 0) {
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
