package dev.coinage.store.memory;

import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The byte form in which the in-memory store keeps an applied transaction: one run of bytes per transaction, packed
 * with other transactions' into the pages of the {@link TransactionLog}, with variable-length numbers and texts, in
 * this order: the idempotency key, the kind's number, the fingerprint's text, the
 * attributes (count, then name and value of each), the commit time (seconds, nanoseconds), the postings (count, then
 * per posting the account's handle, the amount, the entry's sequence in its account and the account's balance after).
 * The fingerprint and the attributes' names and values are written as numbers when {@link Texts} keeps them.
 *
 * <p>A transaction kept as objects costs a record, its arrays, the key and fingerprint strings and the attributes'
 * strings, each with its object header; kept as bytes it costs its bytes and the eight of its location: most of its numbers
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

    /**
     * Encodes records into a growing buffer, reused for the records one thread writes, and copies each finished record
     * into the thread's current page of the {@link TransactionLog}: records are packed side by side in large byte
     * arrays, so a transaction costs no object of its own.
     */
    static final class Writer implements java.util.function.BiConsumer<String, String> {
        /** The size of a thread's first page; each next page is twice the last, up to {@link #MAX_PAGE}. */
        private static final int FIRST_PAGE = 1 << 10;

        private static final int MAX_PAGE = 1 << 16;

        private final Texts texts;
        private byte[] buf = new byte[256];
        private int pos;
        /** Where {@link Texts#hash} copies a long text's characters (at most 128). */
        private final char[] chars = new char[2 * Texts.ENDS];
        /** The page this thread is filling, its number in the log, and how much of it is used. */
        private byte[] page;

        private int pageNumber;
        private int used;
        private int nextPage = FIRST_PAGE;

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
            int count = attributes.size();
            varLong(count);
            if (count > 0) {
                attributes.forEach(this);
            }
        }

        /** Writes one attribute: {@link #begin} hands itself to {@link Map#forEach}, so no lambda is made. */
        @Override
        public void accept(String name, String value) {
            text(name);
            text(value);
        }

        /**
         * Ends the record {@link #begin} started: the time, then per posting the account's handle (from
         * {@code handles[from]} on), the amount, the entry's sequence and the account's balance after it; and stores
         * it in the log.
         *
         * @return the record's location in the log ({@link TransactionLog#publish})
         */
        long finish(
                TransactionLog log,
                Instant at,
                List<Posting> postings,
                int[] handles,
                int from,
                long[] sequences,
                long[] after) {
            int count = postings.size();
            // Each number takes at most ten bytes: the time's two, the count, and four per posting.
            ensure(10 * (3 + 4 * count));
            byte[] b = buf;
            int p = pos;
            p = put(b, p, zigzag(at.getEpochSecond()));
            p = put(b, p, at.getNano());
            p = put(b, p, count);
            for (int i = 0; i < count; i++) {
                p = put(b, p, handles[from + i]);
                p = put(b, p, zigzag(postings.get(i).amount()));
                p = put(b, p, sequences[i]);
                p = put(b, p, zigzag(after[i]));
            }
            pos = p;
            return store(log);
        }

        /** Copies the record in the buffer to this thread's page, starting a new page if it does not fit. */
        private long store(TransactionLog log) {
            if (page == null || page.length - used < pos) {
                page = new byte[Math.max(pos, nextPage)];
                nextPage = Math.min(MAX_PAGE, nextPage * 2);
                pageNumber = log.addPage(page);
                used = 0;
            }
            System.arraycopy(buf, 0, page, used, pos);
            long location = TransactionLog.location(pageNumber, used);
            used += pos;
            return location;
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        /** Writes a number in seven-bit groups, low group first, each byte but the last with its high bit set. */
        static int put(byte[] b, int p, long v) {
            while ((v & ~0x7FL) != 0) {
                b[p++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[p++] = (byte) v;
            return p;
        }

        private void varLong(long v) {
            ensure(10);
            pos = put(buf, pos, v);
        }

        /** A text that may repeat: by its number if {@link Texts} keeps it, else as a string. */
        private void text(String s) {
            int number = texts.numberOf(s, Texts.hash(s, chars));
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
                byte[] b = buf;
                int p = pos;
                for (int i = 0; i < n; i++) {
                    b[p + i] = (byte) s.charAt(i);
                }
                pos = p + n;
            } else {
                ensure(3 * n);
                byte[] b = buf;
                int p = pos;
                for (int i = 0; i < n; i++) {
                    p = put(b, p, s.charAt(i));
                }
                pos = p;
            }
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Tells whether the idempotency key of the record at {@code offset} in {@code page} is the given text. */
    static boolean keyIs(byte[] page, int offset, String key) {
        // Keys are always written out, never kept as texts: they do not repeat.
        Reader r = new Reader(page, offset, null);
        long header = r.varLong();
        int n = (int) (header >>> 2);
        if (n != key.length()) {
            return false;
        }
        if ((header & 3) == ASCII) {
            int from = r.pos;
            for (int i = 0; i < n; i++) {
                if ((char) page[from + i] != key.charAt(i)) {
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

        /** Reads the record that starts at {@code offset} in {@code page}. */
        Reader(byte[] page, int offset, Texts texts) {
            this.rec = page;
            this.pos = offset;
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
