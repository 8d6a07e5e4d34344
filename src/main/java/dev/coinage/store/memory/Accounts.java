package dev.coinage.store.memory;

import dev.coinage.ledger.AccountId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory store's accounts by handle: each account is given a dense {@code int} handle when it is opened, and
 * what the store keeps per account lives in columns indexed by handle, in fixed-size chunks: its id, its balance, its
 * entry log and, for a member account, its lock. System accounts have no lock of their own: they share the store's
 * system lock.
 *
 * <p>A balance is written under its account's lock (or the system lock) and may be read without it: each value read is
 * one the account had between two transactions.
 *
 * <p>Thread-safe.
 */
final class Accounts {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int SPREAD = 8;
    private static final VarHandle BALANCES = MethodHandles.arrayElementVarHandle(long[].class);

    private static final class Chunk {
        final AccountId[] ids = new AccountId[CHUNK];
        /**
         * The balances, one per cache line ({@link #SPREAD} longs apart): two threads updating the balances of
         * neighbouring accounts (two senders' wallets) would otherwise write the same line and slow each other down.
         */
        final long[] balances = new long[CHUNK * SPREAD];

        final EntryLog[] logs = new EntryLog[CHUNK];
        final ReentrantLock[] locks = new ReentrantLock[CHUNK];
    }

    /**
     * From account id to handle: an open-addressing table of ids and, side by side, their handles. Read without a
     * lock (an id is published with release semantics after its handle, and read with acquire semantics); written
     * under this object's lock, and replaced by a table twice as large when half full. A look-up reads the id and the
     * handle from two arrays, where a map would read a node, the id and a boxed handle.
     */
    private static final class Table {
        final AccountId[] ids;
        final int[] handles;

        Table(int size) {
            ids = new AccountId[size];
            handles = new int[size];
        }

        /** The handle of an id, -1 if the table does not hold it. */
        int find(AccountId id) {
            int mask = ids.length - 1;
            for (int i = home(id, mask); ; i = (i + 1) & mask) {
                AccountId found = (AccountId) IDS.getAcquire(ids, i);
                if (found == null) {
                    return -1;
                }
                if (found == id || found.equals(id)) {
                    return handles[i];
                }
            }
        }

        private static int home(AccountId id, int mask) {
            int h = id.hashCode() * 0x9E3779B9;
            return (h ^ (h >>> 16)) & mask;
        }

        /** Adds an id that the table does not hold; the caller holds the lock of the accounts. */
        void put(AccountId id, int handle) {
            int mask = ids.length - 1;
            int i = home(id, mask);
            while (ids[i] != null) {
                i = (i + 1) & mask;
            }
            handles[i] = handle;
            IDS.setRelease(ids, i, id);
        }
    }

    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(AccountId[].class);

    private volatile Table table = new Table(64);
    private volatile Chunk[] chunks = new Chunk[4];
    /** How many accounts exist: their handles are 0 to count − 1. */
    private volatile int count;

    /** Returns an account's handle, -1 if the account does not exist. */
    int handle(AccountId id) {
        return table.find(id);
    }

    /** Tells whether an account exists. */
    boolean exists(AccountId id) {
        return handle(id) >= 0;
    }

    /**
     * Opens an account if it does not exist, calling {@code onOpen} with its handle before the account becomes visible.
     */
    void open(AccountId id, java.util.function.IntConsumer onOpen) {
        if (exists(id)) {
            return;
        }
        synchronized (this) {
            if (exists(id)) {
                return;
            }
            int h = count;
            int chunk = h >>> CHUNK_BITS;
            Chunk[] all = chunks;
            if (chunk == all.length || all[chunk] == null) {
                all = Arrays.copyOf(all, chunk == all.length ? all.length * 2 : all.length);
                all[chunk] = new Chunk();
                chunks = all;
            }
            Chunk c = all[chunk];
            int slot = h & (CHUNK - 1);
            c.ids[slot] = id;
            c.logs[slot] = new EntryLog();
            c.locks[slot] = id.isSystem() ? null : new ReentrantLock();
            onOpen.accept(h);
            count = h + 1;
            // Published last: whoever finds the handle finds the account's columns written.
            Table t = table;
            if (2 * (h + 1) > t.ids.length) {
                Table larger = new Table(t.ids.length * 2);
                for (int i = 0; i < t.ids.length; i++) {
                    if (t.ids[i] != null) {
                        larger.put(t.ids[i], t.handles[i]);
                    }
                }
                larger.put(id, h);
                table = larger;
            } else {
                t.put(id, h);
            }
        }
    }

    int count() {
        return count;
    }

    /** Runs {@code action} while no account can be opened: the accounts that exist stay the same meanwhile. */
    synchronized <T> T withoutOpening(java.util.function.Supplier<T> action) {
        return action.get();
    }

    private Chunk chunk(int handle) {
        return chunks[handle >>> CHUNK_BITS];
    }

    AccountId id(int handle) {
        return chunk(handle).ids[handle & (CHUNK - 1)];
    }

    EntryLog log(int handle) {
        return chunk(handle).logs[handle & (CHUNK - 1)];
    }

    /** Returns a member account's lock, null for a system account (guarded by the system lock). */
    ReentrantLock lock(int handle) {
        return chunk(handle).locks[handle & (CHUNK - 1)];
    }

    long balance(int handle) {
        return (long) BALANCES.getAcquire(chunk(handle).balances, (handle & (CHUNK - 1)) * SPREAD);
    }

    /** Sets a balance; the caller holds the account's lock. */
    void setBalance(int handle, long balance) {
        BALANCES.setRelease(chunk(handle).balances, (handle & (CHUNK - 1)) * SPREAD, balance);
    }
}
