package dev.coinage.store.memory;

import dev.coinage.ledger.AccountId;
import java.util.Arrays;

/**
 * A set of accounts whose balance is not zero, in the order of their text form, for listings a page at a time.
 *
 * <p>A balance change costs the set almost nothing: an account whose balance leaves zero is appended to a short list of
 * newcomers, and one that reaches zero is only counted. The order is paid for when the set is read: the newcomers are
 * sorted and merged into the sorted array (a binary search each and one copy of the array), and accounts whose balance
 * is zero are dropped once they are as many as the accounts listed. A reader gets an array that is never changed
 * afterwards; it may still hold an account that has just reached zero, so readers check each balance they list.
 *
 * <p>An account that leaves zero again after being dropped is appended again, so no account with a balance is ever
 * missing from a read that starts after its balance changed. A set that nobody reads is merged all the same once its
 * newcomers are {@link #MERGE_AT}, by the writer after it has released its locks, so the set holds about its accounts
 * with a balance, not every change.
 *
 * <p>This class is thread-safe. Two locks: a balance change takes only the newcomers' lock, for an append, so it never
 * waits for a merge; a read (and a merge) takes the set's own lock, then the newcomers' lock just long enough to take
 * the newcomers away, and sorts and merges them after releasing it.
 */
final class NonZeroAccounts {
    private static final int[] EMPTY = {};

    private final Accounts accounts;
    /** Guards {@link #newcomers}, {@link #newcomerCount} and {@link #zeroed}; taken after the set's own lock. */
    private final Object newcomerLock = new Object();
    /** The accounts in text order, possibly with some whose balance is now zero; replaced, never changed. */
    private int[] sorted = EMPTY;
    /** Accounts whose balance left zero since the last read, in no order, possibly with repeats. */
    private int[] newcomers = new int[4];

    private int newcomerCount;
    /** How many balances reached zero since the last read. */
    private int zeroed;
    /** How many balances reached zero since the array was last cleared of them: an upper bound on its dead entries. */
    private int dead;

    NonZeroAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * How many newcomers make the set ask to be merged although nobody lists it, so that a set that is never read
     * (a type no report lists) holds its accounts with a balance, not every change since it was created.
     */
    static final int MERGE_AT = 4096;

    /**
     * Notes that an account's balance left zero.
     *
     * @return true if the newcomers have just reached {@link #MERGE_AT}: the caller should call {@link #sorted()} once it
     *     holds no account lock, which merges them
     */
    boolean leftZero(int handle) {
        synchronized (newcomerLock) {
            if (newcomerCount == newcomers.length) {
                newcomers = Arrays.copyOf(newcomers, newcomerCount * 2);
            }
            newcomers[newcomerCount++] = handle;
            return newcomerCount == MERGE_AT;
        }
    }

    /** Notes that an account's balance reached zero. */
    void reachedZero() {
        synchronized (newcomerLock) {
            zeroed++;
        }
    }

    /**
     * The accounts in text order, with every account whose balance was not zero when the call began; possibly some
     * whose balance is zero. The array must not be changed.
     */
    synchronized int[] sorted() {
        int[] batch;
        int k;
        synchronized (newcomerLock) {
            batch = newcomers;
            k = newcomerCount;
            if (k > 0) {
                newcomers = new int[4];
                newcomerCount = 0;
            }
            dead += zeroed;
            zeroed = 0;
        }
        if (k > 0) {
            merge(batch, k);
        }
        if (dead > 16 && dead >= sorted.length / 2) {
            dropZeros();
        }
        return sorted;
    }

    /** How many handles the set holds, sorted and newcomers: what it costs in memory. */
    synchronized int held() {
        synchronized (newcomerLock) {
            return sorted.length + newcomerCount;
        }
    }

    /** The index of the first account in {@code handles} whose text form is after {@code after}'s. */
    int firstAfter(int[] handles, AccountId after) {
        String key = after.toString();
        int lo = 0;
        int hi = handles.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (text(handles[mid]).compareTo(key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index of the first account in {@code handles} whose text form is at or after {@code from}. */
    int firstFrom(int[] handles, String from) {
        return firstFrom(handles, 0, handles.length, from);
    }

    /** As {@link #firstFrom(int[], String)}, in {@code handles[lo, hi)}; {@code hi} if none. */
    private int firstFrom(int[] handles, int lo, int hi, String from) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (text(handles[mid]).compareTo(from) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    String text(int handle) {
        return accounts.id(handle).toString();
    }

    /** Sorts {@code batch[0, k)} and merges the accounts not listed yet into the sorted array. */
    private void merge(int[] batch, int k) {
        Integer[] boxed = new Integer[k];
        for (int i = 0; i < k; i++) {
            boxed[i] = batch[i];
        }
        Arrays.sort(boxed, (a, b) -> text(a).compareTo(text(b)));
        int[] old = sorted;
        int[] out = new int[old.length + k];
        int n = 0;
        int from = 0;
        int previous = -1;
        for (int i = 0; i < k; i++) {
            int h = boxed[i];
            if (h == previous) {
                continue; // the same account left zero twice since the last read
            }
            previous = h;
            String name = text(h);
            int at = firstFrom(old, from, old.length, name);
            System.arraycopy(old, from, out, n, at - from);
            n += at - from;
            from = at;
            if (from < old.length && old[from] == h) {
                continue; // listed already: it reached zero and left it again
            }
            out[n++] = h;
        }
        System.arraycopy(old, from, out, n, old.length - from);
        n += old.length - from;
        sorted = n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Drops the accounts whose balance is zero now; an account that leaves zero later is a newcomer again. */
    private void dropZeros() {
        int[] old = sorted;
        int[] out = new int[old.length];
        int n = 0;
        for (int h : old) {
            if (accounts.balance(h) != 0) {
                out[n++] = h;
            }
        }
        sorted = Arrays.copyOf(out, n);
        dead = 0;
    }
}
