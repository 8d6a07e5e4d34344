package dev.coinage.store.memory;

import dev.coinage.ledger.AccountId;
import java.util.concurrent.locks.ReentrantLock;

/** One account of the in-memory store: its lock, entries and balance. */
final class Account {
    final AccountId id;
    final long ordinal;
    final ReentrantLock lock = new ReentrantLock();
    final EntryLog entries = new EntryLog();
    long balance;

    Account(AccountId id, long ordinal) {
        this.id = id;
        this.ordinal = ordinal;
    }

    /** Reads the balance under the account's lock, so never from a half-applied transaction. */
    long balance() {
        lock.lock();
        try {
            return balance;
        } finally {
            lock.unlock();
        }
    }
}
