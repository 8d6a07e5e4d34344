package dev.coinage.store.memory;

import dev.coinage.ledger.AppliedTransaction;

/**
 * A key's slot: claimed by a request while it is applied, then settled for good to the transaction, or to null
 * if the attempt failed (the slot is then removed from the map, so the key is free again).
 */
final class Slot {
    private volatile AppliedTransaction result;
    private boolean settled;

    synchronized void settle(AppliedTransaction transaction) {
        result = transaction;
        settled = true;
        notifyAll();
    }

    boolean isApplied() {
        return result != null;
    }

    AppliedTransaction appliedOrNull() {
        return result;
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
