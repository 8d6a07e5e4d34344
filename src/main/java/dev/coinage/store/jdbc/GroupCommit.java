package dev.coinage.store.jdbc;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.TransactionRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies the batches of concurrent callers together, in one database transaction and one commit.
 *
 * <p>The leader is a caller: one that finds fewer than {@code maxGroups} groups in flight applies its batch at once,
 * together with the batches waiting at that moment, and then hands the lead to the oldest batch still waiting, whose
 * caller applies the next group. So no thread of its own is needed, a lone caller applies its batch without waiting
 * for company, and while groups are in flight the next one gathers. A group takes batches oldest first up to {@code maxRequests} requests (a larger batch
 * goes alone), and never two batches with a common key: the later waits for the next group, where it is replayed or
 * refused as a conflict, exactly as if it had come after.
 *
 * <p>Each batch gets its own outcome: its results, or the ledger's refusal of that batch alone (the others commit). A
 * database failure fails every batch of the group with a {@link StoreUnavailableException}.
 *
 * <p>This class is thread-safe.
 */
final class GroupCommit {
    private final TransactionRunner tx;
    private final Clock clock;
    private final int maxRequests;

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock: the callers waiting to be taken into a group (never a leader's own batch), oldest first, and
    // how many groups are in flight. Invariant: the queue is empty whenever fewer than maxGroups groups are in flight.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final int maxGroups;
    private int leaders;

    GroupCommit(TransactionRunner tx, Clock clock, int maxRequests, int maxGroups) {
        this.tx = tx;
        this.clock = clock;
        this.maxRequests = maxRequests;
        this.maxGroups = maxGroups;
    }

    /** Applies one batch in the next group, waiting for it, and returns its results or throws its own failure. */
    AppliedTransaction[] apply(TransactionRequest[] batch) {
        Pending me = new Pending(batch);
        boolean lead;
        lock.lock();
        try {
            lead = leaders < maxGroups;
            if (lead) {
                leaders++;
            } else {
                queue.add(me);
            }
        } finally {
            lock.unlock();
        }
        if (!lead) {
            me.awaitTurn();
        }
        if (me.state != Pending.DONE) {
            lead(me);
        }
        return me.result();
    }

    /** Applies one group, whose first batch is the caller's, then hands the lead on to the oldest waiting caller. */
    private void lead(Pending me) {
        List<Pending> group = take(me);
        try {
            applyGroup(group);
        } finally {
            Pending next;
            lock.lock();
            try {
                next = queue.poll();
                if (next == null) {
                    leaders--;
                }
            } finally {
                lock.unlock();
            }
            if (next != null) {
                next.signal(Pending.LEAD);
            }
        }
    }

    /** How many batches wait for a group (tests use it to know a group has gathered). */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The leader's batch and the oldest waiting batches, up to {@link #maxRequests} requests, without two batches
     * sharing a key.
     */
    private List<Pending> take(Pending me) {
        List<Pending> group = new ArrayList<>();
        Set<IdempotencyKey> keys = new HashSet<>();
        group.add(me);
        for (TransactionRequest r : me.batch) {
            keys.add(r.key());
        }
        int requests = me.batch.length;
        lock.lock();
        try {
            for (Iterator<Pending> it = queue.iterator(); it.hasNext() && requests < maxRequests; ) {
                Pending p = it.next();
                if (requests + p.batch.length > maxRequests || sharesKey(p, keys)) {
                    continue;
                }
                for (TransactionRequest r : p.batch) {
                    keys.add(r.key());
                }
                requests += p.batch.length;
                group.add(p);
                it.remove();
            }
        } finally {
            lock.unlock();
        }
        return group;
    }

    private static boolean sharesKey(Pending p, Set<IdempotencyKey> keys) {
        for (TransactionRequest r : p.batch) {
            if (keys.contains(r.key())) {
                return true;
            }
        }
        return false;
    }

    private void applyGroup(List<Pending> group) {
        List<TransactionRequest[]> batches = new ArrayList<>(group.size());
        int requests = 0;
        for (Pending p : group) {
            batches.add(p.batch);
            requests += p.batch.length;
        }
        String what = "apply " + group.get(0).batch[0].key() + (requests > 1 ? " and " + (requests - 1) + " more" : "")
                + (group.size() > 1 ? " (a group of " + group.size() + " batches)" : "");
        try {
            TransactionWriter.Outcome[] outcomes =
                    tx.run(what, true, c -> TransactionWriter.applyUnits(c, batches, clock, true));
            for (int i = 0; i < group.size(); i++) {
                Pending p = group.get(i);
                p.results = outcomes[i].results;
                p.failure = outcomes[i].refusal;
                p.signal(Pending.DONE);
            }
        } catch (StoreUnavailableException e) {
            for (Pending p : group) {
                // Each caller gets an exception of its own, naming its request.
                p.failure = new StoreUnavailableException(
                        "could not apply " + p.batch[0].key() + " in a group of " + requests + " requests: "
                                + e.getMessage(),
                        (SQLException) e.getCause(),
                        e.attempts());
                p.signal(Pending.DONE);
            }
        } catch (RuntimeException | Error e) {
            for (Pending p : group) {
                p.failure = e;
                p.signal(Pending.DONE);
            }
        }
    }

    /** One caller's batch, waiting for its turn to lead or for its outcome. */
    private static final class Pending {
        static final int WAITING = 0;
        static final int LEAD = 1;
        static final int DONE = 2;

        final TransactionRequest[] batch;
        final Thread caller = Thread.currentThread();
        volatile int state = WAITING;
        // Written before state is set to DONE (a volatile write), read after it is seen.
        AppliedTransaction[] results;
        Throwable failure;

        Pending(TransactionRequest[] batch) {
            this.batch = batch;
        }

        void signal(int next) {
            state = next;
            LockSupport.unpark(caller);
        }

        /**
         * Waits until this batch is applied or its caller is to lead. Not interruptible: once a leader may have taken
         * the batch, only the database knows whether it commits, and the caller must hear the outcome.
         */
        void awaitTurn() {
            boolean interrupted = false;
            while (state == WAITING) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        AppliedTransaction[] result() {
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            return results;
        }
    }
}
