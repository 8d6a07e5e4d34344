package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.TransactionRequest;
import java.util.Arrays;

/**
 * The working arrays of one thread's transactions in an {@link InMemoryLedgerStore}, grown as needed and reused, so
 * that applying a transaction allocates no arrays of its own. Confined to one thread.
 */
final class Scratch {
    final TransactionRequest[] one = new TransactionRequest[1];
    AppliedTransaction[] results = new AppliedTransaction[1];
    /** Per request: the balances after it and its entries' sequences, the arrays its result keeps. */
    long[][] after = new long[1][];

    long[][] sequences = new long[1][];
    /** Per posting of the claimed requests, in order: the account's handle and its place in {@link #distinct}. */
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
    final Records.Writer writer;

    Scratch(Texts texts) {
        writer = new Records.Writer(texts);
    }

    void ensure(int requests, int postings) {
        if (results.length < requests) {
            results = new AppliedTransaction[requests];
            after = new long[requests][];
            sequences = new long[requests][];
        }
        if (handles.length < postings) {
            int n = Math.max(postings, handles.length * 2);
            handles = new int[n];
            places = new int[n];
            distinct = new int[n];
            balances = new long[n];
            initial = new long[n];
            sizes = new int[n];
            roles = new byte[n];
            held = new boolean[n];
        }
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
