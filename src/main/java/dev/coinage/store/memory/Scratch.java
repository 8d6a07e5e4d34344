package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The working arrays of one thread's transactions in an {@link InMemoryLedgerStore}, grown as needed and reused, so
 * that applying a transaction allocates no arrays of its own. Confined to one thread.
 */
final class Scratch {
    final TransactionRequest[] one = new TransactionRequest[1];
    AppliedTransaction[] results = new AppliedTransaction[1];
    /**
     * Per request: the balances after it and its entries' sequences, the arrays its result keeps (left here until the
     * next transaction of the thread replaces them).
     */
    long[][] after = new long[1][];

    long[][] sequences = new long[1][];
    /** Per request: its kind's number. */
    int[] kinds = new int[1];
    /**
     * Per posting of the claimed requests, in order: the posting, the account's handle and its place in
     * {@link #distinct}.
     */
    Posting[] postings = new Posting[16];

    int[] handles = new int[16];

    int[] places = new int[16];
    /** The accounts posted to, by handle, each once; per account its running balance, first balance and size. */
    int[] distinct = new int[16];

    long[] balances = new long[16];
    long[] initial = new long[16];
    int[] sizes = new int[16];
    /** Per account posted to: its role, and whether this thread holds its lock. */
    byte[] roles = new byte[16];

    boolean[] held = new boolean[16];
    /** Per account posted to: the lock this thread holds, and the account's entry log while it writes. */
    ReentrantLock[] locks = new ReentrantLock[16];

    EntryLog[] logs = new EntryLog[16];
    final Records.Writer writer;

    Scratch(Texts texts) {
        writer = new Records.Writer(texts);
    }

    void ensure(int requests, int count) {
        if (results.length < requests) {
            results = new AppliedTransaction[requests];
            after = new long[requests][];
            sequences = new long[requests][];
            kinds = new int[requests];
        }
        if (handles.length < count) {
            int n = Math.max(count, handles.length * 2);
            handles = new int[n];
            places = new int[n];
            distinct = new int[n];
            balances = new long[n];
            initial = new long[n];
            sizes = new int[n];
            roles = new byte[n];
            held = new boolean[n];
            this.postings = new Posting[n];
            locks = new ReentrantLock[n];
            logs = new EntryLog[n];
        }
    }

    /**
     * Puts the first {@code total} handles in {@link #distinct}, sorted, each once.
     *
     * @return how many distinct handles there are
     */
    int sortDistinct(int total) {
        int[] a = distinct;
        System.arraycopy(handles, 0, a, 0, total);
        if (total <= 16) {
            // Insertion sort: a transaction posts to a handful of accounts.
            for (int i = 1; i < total; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= 0 && a[j] > v) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        } else {
            Arrays.sort(a, 0, total);
        }
        int d = 0;
        for (int i = 0; i < total; i++) {
            if (d == 0 || a[d - 1] != a[i]) {
                a[d++] = a[i];
            }
        }
        return d;
    }

    /** The place of an account's handle among the first {@code d} of {@link #distinct}, sorted by handle. */
    int placeOf(int d, int handle) {
        if (d <= 8) {
            for (int i = 0; ; i++) {
                if (distinct[i] == handle) {
                    return i;
                }
            }
        }
        return Arrays.binarySearch(distinct, 0, d, handle);
    }
}
