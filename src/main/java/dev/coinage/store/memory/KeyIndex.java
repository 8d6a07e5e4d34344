package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;
import java.util.HashMap;
import java.util.Map;

/**
 * The idempotency index: from a key's text to the index of the transaction applied under it, and the keys being
 * applied right now.
 *
 * <p>Applied keys are kept in open-addressing tables of {@code int}s (the transaction's index and the key's hash), the
 * key's text itself being in the transaction's record: a key costs the index about twelve bytes instead of a key
 * object, a map node and a slot. The index is split into segments by hash, each with its own lock and table, so that
 * a table that fills up is doubled alone: growth copies a small table at a time, never the whole index at once.
 *
 * <p>A key being applied is in its segment's small map of pending keys until its transaction is committed or fails;
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
        /** Per slot: the transaction's index plus one, 0 for an empty slot. */
        int[] indices = new int[16];
        /** Per slot: the key's spread hash. */
        int[] hashes = new int[16];

        int size;
        Map<String, Slot> pending;
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
        int mask = s.indices.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int stored = s.indices[i];
            if (stored == 0) {
                return -1;
            }
            if (s.hashes[i] == hash && Records.keyIs(log.record(stored - 1), key)) {
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
            if (s.pending == null) {
                s.pending = new HashMap<>();
            }
            return s.pending.putIfAbsent(key, UNWATCHED) == null ? CLAIMED : BUSY;
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
            slot = s.pending == null ? null : s.pending.get(key);
            if (slot == null) {
                return null;
            }
            if (slot == UNWATCHED) {
                slot = new Slot();
                s.pending.put(key, slot);
            }
        }
        return slot.await();
    }

    /** Records a claimed key's transaction, then hands it to the requests waiting for the key. */
    void commit(String key, int hash, int index, AppliedTransaction applied) {
        Segment s = segment(hash);
        Slot slot;
        synchronized (s) {
            if (s.size + 1 > s.indices.length - (s.indices.length >>> 2)) {
                grow(s);
            }
            insert(s, hash, index);
            s.size++;
            slot = s.pending.remove(key);
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
            slot = s.pending.remove(key);
        }
        if (slot != null && slot != UNWATCHED) {
            slot.settle(null);
        }
    }

    private static void insert(Segment s, int hash, int index) {
        int mask = s.indices.length - 1;
        int i = hash & mask;
        while (s.indices[i] != 0) {
            i = (i + 1) & mask;
        }
        s.indices[i] = index + 1;
        s.hashes[i] = hash;
    }

    private static void grow(Segment s) {
        int[] indices = s.indices;
        int[] hashes = s.hashes;
        s.indices = new int[indices.length * 2];
        s.hashes = new int[indices.length * 2];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] != 0) {
                insert(s, hashes[i], indices[i] - 1);
            }
        }
    }
}
