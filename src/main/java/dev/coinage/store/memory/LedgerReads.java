package dev.coinage.store.memory;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reads of an {@link InMemoryLedgerStore} that span accounts or transactions: a page of an account's entries, the
 * journal of a kind, a snapshot of every balance. They take the store's locks as its transactions do (member accounts
 * in handle order, then the system lock), so they never see a transaction half-way through.
 *
 * <p>This class is thread-safe.
 */
final class LedgerReads {
    private final Accounts accounts;
    private final ReentrantLock systemLock;
    private final TransactionLog log;
    private final Kinds kinds;
    private final RecordDecoder decoder;

    LedgerReads(Accounts accounts, ReentrantLock systemLock, TransactionLog log, Kinds kinds, RecordDecoder decoder) {
        this.accounts = accounts;
        this.systemLock = systemLock;
        this.log = log;
        this.kinds = kinds;
        this.decoder = decoder;
    }

    /** A page of an account's entries (the account of handle {@code h}). */
    Page entries(int h, AccountId account, PageRequest request) {
        int[] found = new int[Math.min(request.size(), 64)];
        int size = 0;
        long first;
        ReentrantLock lock = accounts.lock(h);
        lock = lock == null ? systemLock : lock;
        // The transactions' indices are read under the lock; the entries are made from their records after it.
        lock.lock();
        try {
            EntryLog entries = accounts.log(h);
            int count = entries.size();
            // This store's sequences have no gaps: sequence s is at index s - 1.
            if (request.order() == PageRequest.Order.OLDEST_FIRST) {
                first = request.afterSequence();
                for (long i = first; i < count && size < request.size(); i++) {
                    found = add(found, size++, entries.transaction((int) i));
                }
            } else {
                long start = request.afterSequence() == 0 ? count : Math.min(count, request.afterSequence() - 1);
                first = start - 1;
                for (long i = start - 1; i >= 0 && size < request.size(); i--) {
                    found = add(found, size++, entries.transaction((int) i));
                }
            }
        } finally {
            lock.unlock();
        }
        List<Entry> page = new ArrayList<>(size);
        long step = request.order() == PageRequest.Order.OLDEST_FIRST ? 1 : -1;
        for (int i = 0; i < size; i++) {
            page.add(decoder.entry(found[i], log.location(found[i]), h, account, first + step * i + 1));
        }
        return Page.of(request, page);
    }

    private static int[] add(int[] found, int at, int index) {
        if (at == found.length) {
            found = Arrays.copyOf(found, found.length * 2);
        }
        found[at] = index;
        return found;
    }

    /** As {@link dev.coinage.spi.LedgerStore#transactions}. */
    List<AppliedTransaction> transactions(String kind, long afterId, int limit) {
        Objects.requireNonNull(kind, "kind");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative: " + afterId);
        }
        Integer number = kinds.find(kind);
        int end = log.reserved();
        if (number == null || afterId >= end) {
            return List.of();
        }
        // Scans the kinds' column from the id on: a page costs a pass over the transactions up to its last one.
        List<AppliedTransaction> out = new ArrayList<>(Math.min(limit, 64));
        for (int i = (int) afterId; out.size() < limit; i++) {
            i = log.nextOfKind(number, i, end);
            if (i < 0) {
                break;
            }
            out.add(decoder.transaction(i, log.location(i)));
        }
        return out;
    }

    /** As {@link dev.coinage.spi.LedgerStore#snapshot}: balances no transaction is half-way through. */
    LedgerSnapshot snapshot() {
        // No account is opened meanwhile, so every account that a transaction could post to is locked below.
        return accounts.withoutOpening(() -> {
            int n = accounts.count();
            Map<AccountId, Long> balances = new HashMap<>(n * 2);
            int taken = 0;
            boolean systemTaken = false;
            try {
                // Every member account's lock in handle order, then the system lock, as transactions take them:
                // holding them all excludes any half-applied transaction.
                for (; taken < n; taken++) {
                    ReentrantLock lock = accounts.lock(taken);
                    if (lock != null) {
                        lock.lock();
                    }
                }
                systemLock.lock();
                systemTaken = true;
                for (int h = 0; h < n; h++) {
                    balances.put(accounts.id(h), accounts.balance(h));
                }
            } finally {
                if (systemTaken) {
                    systemLock.unlock();
                }
                for (int h = taken - 1; h >= 0; h--) {
                    ReentrantLock lock = accounts.lock(h);
                    if (lock != null) {
                        lock.unlock();
                    }
                }
            }
            return LedgerSnapshot.of(balances);
        });
    }
}
