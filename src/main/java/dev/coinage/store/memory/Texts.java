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

    /** Returns the number of a kept text, or -1 if the text is not kept (it may be by its next use). */
    int numberOf(String text) {
        int h = text.hashCode();
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
