package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;
import java.util.Arrays;

/**
 * The idempotency index: from a key's text to the index of the transaction applied under it, and the keys being
 * applied right now.
 *
 * <p>Keys are kept in open-addressing tables of {@code int}s (per slot, the key's hash and the transaction's index),
 * the key's text itself being in the transaction's record: a key costs the index about twelve bytes instead of a key
 * object, a map node and a slot. The index is split into segments by hash, each with its own lock and table, so that
 * a table that fills up is doubled alone: growth copies a small table at a time, never the whole index at once.
 *
 * <p>A key is claimed by the probe that finds it absent: that probe leaves the key's slot in the table, marked as
 * pending, and the claim's ticket says where it is, so the commit writes the transaction's index there without probing
 * again, and a failed request's release empties it. Another request with a pending key waits for the outcome
 * ({@link Slot}).
 *
 * <p>Thread-safe.
 */
final class KeyIndex {
    /** What {@link #claim} returns when another request is applying the key: wait with {@link #await}. */
    static final int BUSY = -1;

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

    /** Tells whether what {@link #claim} returned is a ticket: the caller owns the key. */
    static boolean claimed(int claim) {
        return claim < BUSY;
    }

    private static final class Segment {
        /**
         * Per slot, side by side so that a probe reads one cache line: the key's spread hash, then the transaction's
         * index plus one (a committed key), 0 (an empty slot) or minus one less the ticket (a pending key).
         */
        int[] table = new int[2 * 16];

        /** The slots in use, committed and pending. */
        int size;
        /**
         * Per ticket of a pending key: the key, the slot its waiters wait on ({@link #UNWATCHED} while none waits), and
         * its place in the table. A handful at most, as many as requests in flight; a free ticket has no key.
         */
        String[] pendingKeys = new String[2];

        Slot[] pendingSlots = new Slot[2];
        int[] pendingPlaces = new int[2];

        int pending(String key) {
            for (int i = 0; i < pendingKeys.length; i++) {
                if (pendingKeys[i] != null && pendingKeys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        int addPending(String key, int place) {
            int t = 0;
            while (t < pendingKeys.length && pendingKeys[t] != null) {
                t++;
            }
            if (t == pendingKeys.length) {
                pendingKeys = Arrays.copyOf(pendingKeys, t * 2);
                pendingSlots = Arrays.copyOf(pendingSlots, t * 2);
                pendingPlaces = Arrays.copyOf(pendingPlaces, t * 2);
            }
            pendingKeys[t] = key;
            pendingSlots[t] = UNWATCHED;
            pendingPlaces[t] = place;
            return t;
        }

        Slot removePending(int ticket) {
            Slot slot = pendingSlots[ticket];
            pendingKeys[ticket] = null;
            pendingSlots[ticket] = null;
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
            int[] table = s.table;
            int mask = (table.length >>> 1) - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                int stored = table[2 * i + 1];
                if (stored == 0) {
                    return -1;
                }
                if (stored > 0 && table[2 * i] == hash && keyIs(stored - 1, key)) {
                    return stored - 1;
                }
            }
        }
    }

    private boolean keyIs(int index, String key) {
        long location = log.location(index);
        return Records.keyIs(log.page(location), TransactionLog.offset(location), key);
    }

    /**
     * Claims a key for a request about to be applied.
     *
     * @return the index of the transaction applied under the key before (0 or more), {@link #BUSY} if another request
     *     holds it, or else a ticket ({@link #claimed}): the caller now owns the key and must {@link #commit} or
     *     {@link #release} it with the ticket
     */
    int claim(String key, int hash) {
        Segment s = segment(hash);
        synchronized (s) {
            int slots = s.table.length >>> 1;
            if (s.size + 1 > slots - (slots >>> 2)) {
                grow(s);
            }
            int[] table = s.table;
            int mask = (table.length >>> 1) - 1;
            int i = hash & mask;
            for (int stored; (stored = table[2 * i + 1]) != 0; i = (i + 1) & mask) {
                if (table[2 * i] == hash) {
                    if (stored > 0) {
                        if (keyIs(stored - 1, key)) {
                            return stored - 1;
                        }
                    } else if (s.pendingKeys[-stored - 1].equals(key)) {
                        return BUSY;
                    }
                }
            }
            int ticket = s.addPending(key, i);
            table[2 * i] = hash;
            table[2 * i + 1] = -ticket - 1;
            s.size++;
            return BUSY - 1 - ticket;
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
    void commit(int hash, int claim, int index, AppliedTransaction applied) {
        int ticket = BUSY - 1 - claim;
        Segment s = segment(hash);
        Slot slot;
        synchronized (s) {
            s.table[2 * s.pendingPlaces[ticket] + 1] = index + 1;
            slot = s.removePending(ticket);
        }
        if (slot != UNWATCHED) {
            slot.settle(applied);
        }
    }

    /** Frees a claimed key whose request failed, so that it can be applied again. */
    void release(int hash, int claim) {
        int ticket = BUSY - 1 - claim;
        Segment s = segment(hash);
        Slot slot;
        synchronized (s) {
            remove(s, s.pendingPlaces[ticket]);
            slot = s.removePending(ticket);
        }
        if (slot != UNWATCHED) {
            slot.settle(null);
        }
    }

    /**
     * Empties a slot, moving back the slots after it that would otherwise no longer be found from their home (linear
     * probing's deletion, which leaves no marker behind).
     */
    private static void remove(Segment s, int place) {
        int[] table = s.table;
        int mask = (table.length >>> 1) - 1;
        int hole = place;
        for (int j = (hole + 1) & mask; table[2 * j + 1] != 0; j = (j + 1) & mask) {
            int home = table[2 * j] & mask;
            // The slot at j stays if its home lies cyclically in (hole, j]: a probe from home reaches j before the
            // hole.
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                table[2 * hole] = table[2 * j];
                table[2 * hole + 1] = table[2 * j + 1];
                if (table[2 * hole + 1] < 0) {
                    s.pendingPlaces[-table[2 * hole + 1] - 1] = hole;
                }
                hole = j;
            }
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
        s.size--;
    }

    private static void grow(Segment s) {
        int[] old = s.table;
        int[] table = new int[old.length * 2];
        int mask = (table.length >>> 1) - 1;
        for (int k = 0; k < old.length; k += 2) {
            int stored = old[k + 1];
            if (stored != 0) {
                int i = old[k] & mask;
                while (table[2 * i + 1] != 0) {
                    i = (i + 1) & mask;
                }
                table[2 * i] = old[k];
                table[2 * i + 1] = stored;
                if (stored < 0) {
                    s.pendingPlaces[-stored - 1] = i;
                }
            }
        }
        s.table = table;
    }
}
