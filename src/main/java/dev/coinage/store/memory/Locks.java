package dev.coinage.store.memory;

import java.util.concurrent.locks.ReentrantLock;

/** How the in-memory store takes its locks. */
final class Locks {
    /** How many times {@link #acquire} tries a busy lock before it parks. */
    private static final int SPINS = 200;

    private Locks() {}

    /**
     * Takes a lock, trying for a moment before parking: locks here are held for a few hundred nanoseconds, less than
     * parking and waking a thread costs.
     */
    static void acquire(ReentrantLock lock) {
        for (int i = 0; i < SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }
}
