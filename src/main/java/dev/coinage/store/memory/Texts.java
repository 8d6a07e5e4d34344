package dev.coinage.store.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The texts that transactions repeat, kept once and referred to by number: attribute names, attribute values such as a
 * gift's id or hold period, and the fingerprints of repeated requests (a viewer's gifts of one kind to one creator
 * share one fingerprint). A record then holds a number of one to three bytes instead of the text.
 *
 * <p>A text is kept when it is seen a second time soon after the first: a small table, indexed by the text's hash,
 * remembers the last text seen in each place. Texts seen once (ids of purchases, of quotes) are never kept, and the
 * number of texts kept is bounded, so the dictionary cannot grow with the ledger beyond that bound.
 *
 * <p>Thread-safe: a number is only handed out after its text is stored, and the table's places are published with
 * release and read with acquire semantics, so whoever reads a number can read its text.
 */
final class Texts {
    private static final int RECENT_BITS = 13;
    private static final int MAX_KEPT = 1 << 20;
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final VarHandle RECENT = MethodHandles.arrayElementVarHandle(Seen[].class);

    /** A text seen lately, and its number if it is kept (-1 if not yet). */
    private static final class Seen {
        final String text;
        final int number;

        Seen(String text, int number) {
            this.text = text;
            this.number = number;
        }
    }

    private final Seen[] recent = new Seen[1 << RECENT_BITS];
    private volatile String[][] chunks = new String[16][];
    /** How many texts are kept; guarded by this. */
    private int kept;

    /**
     * Returns the number of a kept text, or -1 if the text is not kept (it may be by its next use).
     *
     * @param hash the text's {@link #hash}
     */
    int numberOf(String text, int hash) {
        int h = hash;
        int place = (h ^ (h >>> 16)) & (recent.length - 1);
        Seen seen = (Seen) RECENT.getAcquire(recent, place);
        if (seen != null && (seen.text == text || seen.text.equals(text))) {
            if (seen.number >= 0) {
                return seen.number;
            }
            int number = keep(seen.text);
            if (number >= 0) {
                RECENT.setRelease(recent, place, new Seen(seen.text, number));
            }
            return number;
        }
        RECENT.setRelease(recent, place, new Seen(text, -1));
        return -1;
    }

    /** How many characters of a long text, at each end, {@link #hash} reads. */
    static final int ENDS = 64;

    /**
     * A text's hash for this dictionary: its own for a short text (often cached in the string); for a long one (the
     * fingerprints of requests, made anew for every request) one computed in four interleaved lanes, which runs
     * several times faster than {@link String#hashCode}, over its length and its first and last {@value #ENDS}
     * characters, copied to {@code scratch} (of {@code 2 * ENDS} characters at least). The hash only chooses where a text is looked for: texts are compared
     * whole, so two texts that hash alike are never taken for each other.
     */
    static int hash(String text, char[] scratch) {
        int n = text.length();
        if (n < 32) {
            return text.hashCode();
        }
        char[] c = scratch;
        int m;
        if (n <= 2 * ENDS) {
            text.getChars(0, n, c, 0);
            m = n;
        } else {
            text.getChars(0, ENDS, c, 0);
            text.getChars(n - ENDS, n, c, ENDS);
            m = 2 * ENDS;
        }
        int h0 = 0;
        int h1 = 0;
        int h2 = 0;
        int h3 = 0;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            h0 = 31 * h0 + c[i];
            h1 = 31 * h1 + c[i + 1];
            h2 = 31 * h2 + c[i + 2];
            h3 = 31 * h3 + c[i + 3];
        }
        for (; i < m; i++) {
            h0 = 31 * h0 + c[i];
        }
        return ((h0 * 31 + h1) * 31 + h2) * 31 + h3 + n;
    }

    private synchronized int keep(String text) {
        if (kept == MAX_KEPT) {
            return -1;
        }
        int number = kept;
        int chunk = number >>> CHUNK_BITS;
        String[][] all = chunks;
        if (chunk == all.length || all[chunk] == null) {
            all = Arrays.copyOf(all, chunk == all.length ? all.length * 2 : all.length);
            all[chunk] = new String[CHUNK];
            chunks = all;
        }
        all[chunk][number & (CHUNK - 1)] = text;
        kept = number + 1;
        return number;
    }

    /** Returns a kept text by its number. */
    String text(int number) {
        return chunks[number >>> CHUNK_BITS][number & (CHUNK - 1)];
    }
}
