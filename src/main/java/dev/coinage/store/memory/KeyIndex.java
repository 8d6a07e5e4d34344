package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;
import java.util.Arrays;

/**
 * The idempotency index: from a key's text to the index of the transaction applied under it, and the keys being
 * applied right now.
 *
 * <p>Applied keys are kept in open-addressing tables of {@code int}s (the transaction's index and the key's hash), the
 * key's text itself being in the transaction's record: a key costs the index about twelve bytes instead of a key
 * object, a map node and a slot. The index is split into segments by hash, each with its own lock and table, so that
 * a table that fills up is doubled alone: growth copies a small table at a time, never the whole index at once.
 *
 * <p>A key being applied is among its segment's pending keys until its transaction is committed or fails;
 * another request with the key waits for that outcome ({@link Slot}).
 *
 * <p>Thread-safe.
 */
final class KeyIndex {
    /** What {@link #claim} returns when the caller now owns the key. */
    static final int CLAIMED = -1;
    /** What {@link #claim} returns when another request is applying the key: wait with {@link #await}. */
    static final int BUSY = -2;

    private static final int SEGMENT_BITS = 8;
    /** A pending key that nobody waits for (yet): no {@link Slot} is made unless another request must wait. */
    private static final Slot UNWATCHED = new Slot();

    private final TransactionLog log;
    private final Segment[] segments = new Segment[1 << SEGMENT_BITS];

    KeyIndex(TransactionLog log) {
        this.log = log;
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Segment();
        }
    }

    private static final class Segment {
        /**
         * Per slot, side by side so that a probe reads one cache line: the key's spread hash, then the transaction's
         * index plus one (0 for an empty slot).
         */
        int[] table = new int[2 * 16];

        int size;
        /**
         * The keys being applied, and per key the slot its waiters wait on ({@link #UNWATCHED} while none waits): a
         * handful at most, as many as requests in flight, so a scan of two small arrays finds them without a map node
         * per request.
         */
        String[] pendingKeys = new String[2];

        Slot[] pendingSlots = new Slot[2];
        int pendingCount;

        int pending(String key) {
            for (int i = 0; i < pendingCount; i++) {
                if (pendingKeys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        void addPending(String key) {
            if (pendingCount == pendingKeys.length) {
                pendingKeys = Arrays.copyOf(pendingKeys, pendingCount * 2);
                pendingSlots = Arrays.copyOf(pendingSlots, pendingCount * 2);
            }
            pendingKeys[pendingCount] = key;
            pendingSlots[pendingCount++] = UNWATCHED;
        }

        Slot removePending(String key) {
            int i = pending(key);
            if (i < 0) {
                return null;
            }
            Slot slot = pendingSlots[i];
            int last = --pendingCount;
            pendingKeys[i] = pendingKeys[last];
            pendingSlots[i] = pendingSlots[last];
            pendingKeys[last] = null;
            pendingSlots[last] = null;
            return slot;
        }
    }

    /** The key's hash, spread so that both the segment (high bits) and the slot (low bits) vary. */
    static int hash(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    private Segment segment(int hash) {
        return segments[hash >>> (32 - SEGMENT_BITS)];
    }

    /** Returns the index of the transaction applied under the key, -1 if none. */
    int find(String key, int hash) {
        Segment s = segment(hash);
        synchronized (s) {
            return lookup(s, key, hash);
        }
    }

    private int lookup(Segment s, String key, int hash) {
        int[] table = s.table;
        int mask = (table.length >>> 1) - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int stored = table[2 * i + 1];
            if (stored == 0) {
                return -1;
            }
            if (table[2 * i] == hash && Records.keyIs(log.record(stored - 1), key)) {
                return stored - 1;
            }
        }
    }

    /**
     * Claims a key for a request about to be applied.
     *
     * @return the index of the transaction applied under the key before, {@link #CLAIMED} if the caller now owns the
     *     key (and must {@link #commit} or {@link #release} it), or {@link #BUSY} if another request holds it
     */
    int claim(String key, int hash) {
        Segment s = segment(hash);
        synchronized (s) {
            int found = lookup(s, key, hash);
            if (found >= 0) {
                return found;
            }
            if (s.pending(key) >= 0) {
                return BUSY;
            }
            s.addPending(key);
            return CLAIMED;
        }
    }

    /**
     * Waits until the request holding a key has committed or failed.
     *
     * @return the transaction it applied, or null if it failed or had already finished
     */
    AppliedTransaction await(String key, int hash) {
        Slot slot;
        Segment s = segment(hash);
        synchronized (s) {
            int i = s.pending(key);
            if (i < 0) {
                return null;
            }
            slot = s.pendingSlots[i];
            if (slot == UNWATCHED) {
                slot = new Slot();
                s.pendingSlots[i] = slot;
            }
        }
        return slot.await();
    }

    /** Records a claimed key's transaction, then hands it to the requests waiting for the key. */
    void commit(String key, int hash, int index, AppliedTransaction applied) {
        Segment s = segment(hash);
        Slot slot;
        synchronized (s) {
            int slots = s.table.length >>> 1;
            if (s.size + 1 > slots - (slots >>> 2)) {
                grow(s);
            }
            insert(s, hash, index);
            s.size++;
            slot = s.removePending(key);
        }
        if (slot != null && slot != UNWATCHED) {
            slot.settle(applied);
        }
    }

    /** Frees a claimed key whose request failed, so that it can be applied again. */
    void release(String key, int hash) {
        Segment s = segment(hash);
        Slot slot;
        synchronized (s) {
            slot = s.removePending(key);
        }
        if (slot != null && slot != UNWATCHED) {
            slot.settle(null);
        }
    }

    private static void insert(Segment s, int hash, int index) {
        int[] table = s.table;
        int mask = (table.length >>> 1) - 1;
        int i = hash & mask;
        while (table[2 * i + 1] != 0) {
            i = (i + 1) & mask;
        }
        table[2 * i] = hash;
        table[2 * i + 1] = index + 1;
    }

    private static void grow(Segment s) {
        int[] old = s.table;
        s.table = new int[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                insert(s, old[i], old[i + 1] - 1);
            }
        }
    }
}
