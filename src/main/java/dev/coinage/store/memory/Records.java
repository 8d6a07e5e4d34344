package dev.coinage.store.memory;

import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The byte form in which the in-memory store keeps an applied transaction: one {@code byte[]} per transaction, with
 * variable-length numbers and texts, in this order: the idempotency key, the kind's number, the fingerprint's text, the
 * attributes (count, then name and value of each), the commit time (seconds, nanoseconds), the postings (count, then
 * per posting the account's handle, the amount, the entry's sequence in its account and the account's balance after).
 * The fingerprint and the attributes' names and values are written as numbers when {@link Texts} keeps them.
 *
 * <p>A transaction kept as objects costs a record, its arrays, the key and fingerprint strings and the attributes'
 * strings, each with its object header; kept as bytes it costs one array header and its bytes: most of its numbers
 * (handles, amounts, sequences) take one to three bytes, and texts are stored one byte per character when they are
 * ASCII, as keys, fingerprints and references usually are.
 *
 * <p>Not thread-safe: a {@link Writer} belongs to one thread; a {@link Reader} reads one record.
 */
final class Records {
    private Records() {}

    /** The low two bits of a text's first number: ASCII text, other text, or the number of a kept text. */
    private static final int ASCII = 0;

    private static final int OTHER = 1;
    private static final int KEPT = 2;

    /** Encodes records into a growing buffer, reused for the records one thread writes. */
    static final class Writer {
        private final Texts texts;
        private byte[] buf = new byte[256];
        private int pos;

        Writer(Texts texts) {
            this.texts = texts;
        }

        /**
         * Starts a request's record with what is known before its accounts are locked: key, kind, fingerprint and
         * attributes. A store calls it before taking any lock, so the text work is not done under one.
         */
        void begin(TransactionRequest req, int kind) {
            pos = 0;
            string(req.key().value());
            varLong(kind);
            text(req.fingerprint().value());
            Map<String, String> attributes = req.attributes();
            varLong(attributes.size());
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                text(a.getKey());
                text(a.getValue());
            }
        }

        /**
         * Ends the record {@link #begin} started: the time, the postings' account handles (from {@code handles[from]}
         * on), and per posting the entry's sequence and the account's balance after it.
         *
         * @return the record
         */
        byte[] finish(TransactionRequest req, Instant at, int[] handles, int from, long[] sequences, long[] after) {
            varLong(zigzag(at.getEpochSecond()));
            varLong(at.getNano());
            List<Posting> postings = req.postings();
            int count = postings.size();
            varLong(count);
            for (int i = 0; i < count; i++) {
                varLong(handles[from + i]);
                varLong(zigzag(postings.get(i).amount()));
                varLong(sequences[i]);
                varLong(zigzag(after[i]));
            }
            return Arrays.copyOf(buf, pos);
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        private void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        /** A text that may repeat: by its number if {@link Texts} keeps it, else as a string. */
        private void text(String s) {
            int number = texts.numberOf(s);
            if (number >= 0) {
                varLong(((long) number << 2) | KEPT);
            } else {
                string(s);
            }
        }

        /**
         * A text written out: its length times four, plus {@link #OTHER} if it is not ASCII; then one byte per character,
         * or a number each.
         */
        private void string(String s) {
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            varLong(((long) n << 2) | (ascii ? ASCII : OTHER));
            if (ascii) {
                ensure(n);
                for (int i = 0; i < n; i++) {
                    buf[pos++] = (byte) s.charAt(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    varLong(s.charAt(i));
                }
            }
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Tells whether a record's idempotency key is the given text, without decoding it. */
    static boolean keyIs(byte[] record, String key) {
        // Keys are always written out, never kept as texts: they do not repeat.
        Reader r = new Reader(record, null);
        long header = r.varLong();
        int n = (int) (header >>> 2);
        if (n != key.length()) {
            return false;
        }
        if ((header & 3) == ASCII) {
            for (int i = 0; i < n; i++) {
                if ((char) record[r.pos + i] != key.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < n; i++) {
            if ((char) r.varLong() != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads one record, field by field in the order written. */
    static final class Reader {
        private final byte[] rec;
        private final Texts texts;
        private int pos;

        Reader(byte[] record, Texts texts) {
            this.rec = record;
            this.texts = texts;
        }

        long varLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = rec[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long signed() {
            return unzigzag(varLong());
        }

        String string() {
            long header = varLong();
            int n = (int) (header >>> 2);
            if ((header & 3) == KEPT) {
                return texts.text(n);
            }
            if ((header & 3) == ASCII) {
                String s = new String(rec, pos, n, StandardCharsets.ISO_8859_1);
                pos += n;
                return s;
            }
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) varLong();
            }
            return new String(chars);
        }

        void skipString() {
            long header = varLong();
            int n = (int) (header >>> 2);
            if ((header & 3) == ASCII) {
                pos += n;
            } else if ((header & 3) == OTHER) {
                for (int i = 0; i < n; i++) {
                    varLong();
                }
            }
        }

        /** Skips from after the kind to the commit time: the fingerprint and the attributes. */
        void skipTexts() {
            skipString();
            long attributes = varLong();
            for (long i = 0; i < 2 * attributes; i++) {
                skipString();
            }
        }
    }
}
