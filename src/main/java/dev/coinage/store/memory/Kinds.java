package dev.coinage.store.memory;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transaction kinds an {@link InMemoryLedgerStore} has seen, numbered from 1 in the order they first came, so that a
 * record keeps a kind as a small number. Kinds can be many (a cash-out's kind names its payout), so they are kept in
 * chunks of {@value #CHUNK}: a new kind never copies more than the array of chunks.
 *
 * <p>This class is thread-safe: numbers are given under a lock, read without one.
 */
final class Kinds {
    private static final int CHUNK = 1024;

    private final ConcurrentHashMap<String, Integer> numbers = new ConcurrentHashMap<>();
    private volatile String[][] names = {new String[CHUNK]};

    /** The number of a kind, given now if the kind is new. */
    int numberOf(String kind) {
        Integer n = numbers.get(kind);
        if (n != null) {
            return n;
        }
        synchronized (numbers) {
            n = numbers.get(kind);
            if (n != null) {
                return n;
            }
            int next = numbers.size() + 1;
            String[][] chunks = names;
            int chunk = next / CHUNK;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length + 1);
                chunks[chunk] = new String[CHUNK];
            }
            chunks[chunk][next % CHUNK] = kind;
            names = chunks; // a volatile write after the name's, so that a reader of the chunks finds it
            // Published after the name, so that whoever finds the number finds the name.
            numbers.put(kind, next);
            return next;
        }
    }

    /** The number of a kind, null if no transaction of that kind was written. */
    Integer find(String kind) {
        return numbers.get(kind);
    }

    /** The kind of a number given before. */
    String name(int number) {
        return names[number / CHUNK][number % CHUNK];
    }
}
