package dev.coinage.gift;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Things known to be done in the store (an account opened, an allowance granted), so that a gift need not ask again.
 * Forgotten all at once when it grows large: a miss only repeats an idempotent store call.
 *
 * <p>This class is thread-safe.
 */
final class KnownSet<T> {
    /** How many entries a cache of the gift path keeps before it starts over. */
    static final int MAX = 100_000;

    private final Set<T> known = ConcurrentHashMap.newKeySet();

    boolean contains(T item) {
        return known.contains(item);
    }

    void add(T item) {
        if (known.size() > MAX) {
            known.clear();
        }
        known.add(item);
    }
}
