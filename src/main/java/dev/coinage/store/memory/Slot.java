package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;

/**
 * What requests waiting for a key being applied wait on: settled once, to the transaction applied under the key, or
 * to null if the attempt failed (the key is then free again).
 */
final class Slot {
    private AppliedTransaction result;
    private boolean settled;

    synchronized void settle(AppliedTransaction transaction) {
        result = transaction;
        settled = true;
        notifyAll();
    }

    synchronized AppliedTransaction await() {
        boolean interrupted = false;
        while (!settled) {
            try {
                wait();
            } catch (InterruptedException e) {
                // The key's owner always settles; keep waiting and restore the flag after.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result;
    }
}
