package dev.coinage.store.memory;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.PostingGuard;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
import dev.coinage.spi.UserLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link LedgerStore} held in memory, the default store.
 *
 * <p>Thread-safe. Each member account has its own lock; the system accounts share one. A transaction locks the member
 * accounts it debits in one global order (by handle), reads the clock, takes the system lock if it posts to a system
 * account, then tries the locks of the member accounts it only credits without waiting: an account that many
 * transactions credit at once (a popular creator's hold) is held only while a transaction writes. If one of those is
 * busy, the transaction releases every lock and takes them all in order, waiting. No transaction ever waits for a lock
 * while holding the system lock, so none deadlocks; transactions on disjoint member accounts run in parallel, and none
 * waits for another's clock. System accounts take an entry in nearly every transaction, so per-account locks on them
 * would serialise the same transactions while costing a lock each. An idempotency key is claimed before any account
 * is locked, so concurrent requests with one key apply once; the others wait for the first and get its result.
 *
 * <p>The store is laid out for millions of transactions: dense {@code int} account handles, one compact byte record per
 * transaction (packed with others into pages), an idempotency index of {@code int}s ({@code docs/memory-store.md}); {@link AppliedTransaction} and
 * {@link Entry} objects are made when read.
 *
 * <p>Everything is kept for the life of the object, including every applied key: this store suits tests, demos and
 * hosts whose ledger fits in memory (up to {@link Integer#MAX_VALUE} transactions).
 *
 * <p>A store made by {@link #withOutbox} is also a {@link TransactionOutbox}: every applied transaction leaves one
 * message, added under the same locks as its entries, until it is acknowledged — so a host can run its relay against
 * this store exactly as against {@code PostgresLedgerStore}. The other factories keep no outbox (it would grow until
 * acknowledged), and their {@link #poll} refuses.
 */
public final class InMemoryLedgerStore implements LedgerStore, TransactionOutbox {
    private final Clock clock;
    private final Accounts accounts = new Accounts();
    /** What the store keeps to list accounts without scanning. */
    private final Indexes indexes = new Indexes(accounts);
    /** The applied transactions, by index (id − 1). */
    private final TransactionLog log = new TransactionLog();
    /** From key to transaction index, and the keys being applied. */
    private final KeyIndex keys = new KeyIndex(log);
    /** Guards the balances and entry logs of all system accounts. */
    private final ReentrantLock systemLock = new ReentrantLock();
    /** The texts that transactions repeat, kept once. */
    private final Texts texts = new Texts();
    /** Transaction kinds by number. */
    private final Kinds kinds = new Kinds();
    /** Reads the records back. */
    private final RecordDecoder decoder = new RecordDecoder(texts, kinds, accounts, log);
    /** Reads that span accounts or transactions: entry pages, journals, snapshots. */
    private final LedgerReads reads = new LedgerReads(accounts, systemLock, log, kinds, decoder);

    /** The working arrays of the thread applying a transaction. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(this.texts));
    /** The outbox, null if the store keeps none. */
    private final MemoryOutbox outbox;
    /** Members' own caps, kept for the life of this store like its ledger. */
    private final UserLimits userLimits = UserLimits.inMemory();

    private InMemoryLedgerStore(Clock clock, boolean keepsOutbox) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outbox = keepsOutbox ? new MemoryOutbox(this.clock) : null;
        for (AccountType type : AccountType.values()) {
            if (!type.isMember()) {
                open(AccountId.system(type));
            }
        }
    }

    /**
     * Creates an empty store whose entries are stamped by the system clock in UTC.
     *
     * @return the store, never null
     */
    public static InMemoryLedgerStore create() {
        return new InMemoryLedgerStore(Clock.systemUTC(), false);
    }

    /**
     * Creates an empty store whose entries are stamped by the given clock.
     *
     * @param clock the clock, not null
     * @return the store, never null
     */
    public static InMemoryLedgerStore create(Clock clock) {
        return new InMemoryLedgerStore(clock, false);
    }

    /**
     * Creates an empty store that also keeps a transactional outbox (see {@link TransactionOutbox}).
     *
     * @param clock the clock that stamps entries and messages, not null
     * @return the store, never null
     */
    public static InMemoryLedgerStore withOutbox(Clock clock) {
        return new InMemoryLedgerStore(clock, true);
    }

    @Override
    public void open(AccountId account) {
        if (accounts.exists(Objects.requireNonNull(account, "account"))) {
            return; // the common case: a map read, nothing made
        }
        // Listed under its owner before the account becomes visible, so every account that exists is listed.
        accounts.open(account, h -> {});
    }

    @Override
    public boolean exists(AccountId account) {
        return accounts.exists(Objects.requireNonNull(account, "account"));
    }

    @Override
    public AppliedTransaction apply(TransactionRequest request) {
        Objects.requireNonNull(request, "request");
        String key = request.key().value();
        int hash = KeyIndex.hash(key);
        int claim;
        while (true) {
            claim = keys.claim(key, hash);
            if (claim >= 0) {
                return replayOf(request, claim);
            }
            if (KeyIndex.claimed(claim)) {
                break;
            }
            AppliedTransaction done = keys.await(key, hash);
            if (done != null) {
                return replayOf(request, done);
            }
            // The earlier attempt failed and freed the key, or finished meanwhile: claim again.
        }
        Scratch s = scratch.get();
        AppliedTransaction applied;
        try {
            s.one[0] = request;
            write(s.one, null, s);
            applied = s.results[0];
        } catch (RuntimeException | Error e) {
            keys.release(hash, claim);
            throw e;
        } finally {
            s.one[0] = null;
            s.results[0] = null;
        }
        keys.commit(hash, claim, (int) (applied.id() - 1), applied);
        return applied;
    }

    @Override
    public List<AppliedTransaction> applyAll(List<TransactionRequest> requests) {
        TransactionRequest[] reqs = LedgerStore.checkBatch(requests);
        AppliedTransaction[] results = new AppliedTransaction[reqs.length];
        int[] claims = new int[reqs.length];
        int[] hashes = new int[reqs.length];
        for (int i = 0; i < reqs.length; i++) {
            hashes[i] = KeyIndex.hash(reqs[i].key().value());
        }
        boolean[] claimed = new boolean[reqs.length];
        claimAll(reqs, hashes, claims, claimed, results);
        Scratch s = scratch.get();
        try {
            write(reqs, claimed, s);
            for (int i = 0; i < reqs.length; i++) {
                if (claimed[i]) {
                    results[i] = s.results[i];
                }
            }
        } catch (RuntimeException | Error e) {
            release(hashes, claims, claimed);
            throw e;
        } finally {
            Arrays.fill(s.results, 0, Math.min(reqs.length, s.results.length), null);
        }
        for (int i = 0; i < reqs.length; i++) {
            if (claimed[i]) {
                keys.commit(hashes[i], claims[i], (int) (results[i].id() - 1), results[i]);
            }
        }
        return List.of(results);
    }

    private void claimAll(
            TransactionRequest[] reqs, int[] hashes, int[] claims, boolean[] claimed, AppliedTransaction[] results) {
        while (true) {
            int blocker = -1;
            try {
                for (int i = 0; i < reqs.length && blocker < 0; i++) {
                    int found = keys.claim(reqs[i].key().value(), hashes[i]);
                    if (KeyIndex.claimed(found)) {
                        claims[i] = found;
                        claimed[i] = true;
                    } else if (found >= 0) {
                        results[i] = replayOf(reqs[i], found);
                    } else {
                        // Never wait while holding claims: two batches could wait for each other.
                        blocker = i;
                    }
                }
            } catch (RuntimeException e) {
                release(hashes, claims, claimed);
                throw e;
            }
            if (blocker < 0) {
                return;
            }
            release(hashes, claims, claimed);
            Arrays.fill(results, null);
            keys.await(reqs[blocker].key().value(), hashes[blocker]);
        }
    }

    private void release(int[] hashes, int[] claims, boolean[] claimed) {
        for (int i = 0; i < claimed.length; i++) {
            if (claimed[i]) {
                keys.release(hashes[i], claims[i]);
                claimed[i] = false;
            }
        }
    }

    private static AppliedTransaction replayOf(TransactionRequest request, AppliedTransaction done) {
        if (!done.fingerprint().equals(request.fingerprint())) {
            throw new IdempotencyConflictException(request.key());
        }
        return done.asReplay();
    }

    private AppliedTransaction replayOf(TransactionRequest request, int index) {
        long location = log.location(index);
        if (!decoder.fingerprint(location).equals(request.fingerprint().value())) {
            throw new IdempotencyConflictException(request.key());
        }
        return decoder.transaction(index, location).asReplay();
    }

    /**
     * Applies the claimed requests (all of them if {@code claimed} is null) as one atomic unit, leaving each result in
     * {@code s.results}: every posting is checked against running balances before anything is written, so nothing is
     * written if a check fails.
     */
    private void write(TransactionRequest[] reqs, boolean[] claimed, Scratch s) {
        int requests = 0;
        int total = 0;
        for (int r = 0; r < reqs.length; r++) {
            if (claimed == null || claimed[r]) {
                requests++;
                total += reqs[r].postings().size();
            }
        }
        if (requests == 0) {
            return;
        }
        s.ensure(reqs.length, total);
        try {
            writeClaimed(reqs, claimed, s, requests, total);
        } finally {
            Arrays.fill(s.postings, 0, total, null);
        }
    }

    private void writeClaimed(TransactionRequest[] reqs, boolean[] claimed, Scratch s, int requests, int total) {
        // One pass over the postings: each one's account handle, and the requests' kinds.
        Posting[] postings = s.postings;
        int[] handles = s.handles;
        int k = 0;
        for (int r = 0; r < reqs.length; r++) {
            if (claimed == null || claimed[r]) {
                List<Posting> list = reqs[r].postings();
                int n = list.size();
                for (int p = 0; p < n; p++, k++) {
                    Posting posting = list.get(p);
                    int h = accounts.handle(posting.account());
                    if (h < 0) {
                        throw new UnknownAccountException(posting.account());
                    }
                    postings[k] = posting;
                    handles[k] = h;
                }
                s.kinds[r] = kinds.numberOf(reqs[r].kind());
            }
        }
        int d = s.sortDistinct(total);
        if (requests == 1) {
            // The record's texts are written before any lock is taken, so that other transactions wait less.
            int r = firstClaimed(claimed, reqs.length);
            s.writer.begin(reqs[r], s.kinds[r]);
        }
        // Each account's role: a system account, a member account the requests debit, or one they only credit.
        byte[] roles = s.roles;
        Arrays.fill(roles, 0, d, CREDITED);
        boolean system = false;
        for (k = 0; k < total; k++) {
            int place = s.placeOf(d, handles[k]);
            s.places[k] = place;
            Posting p = postings[k];
            if (p.account().isSystem()) {
                roles[place] = SYSTEM;
                system = true;
            } else if (p.amount() < 0) {
                roles[place] = DEBITED;
            }
        }
        if (!writeLocking(reqs, claimed, s, requests, d, system, false)) {
            writeLocking(reqs, claimed, s, requests, d, system, true);
        }
        indexes.mergeWaiting(); // every lock released
    }

    /** A member account that the requests debit: locked first, as its balance is checked. */
    private static final byte DEBITED = 1;
    /** A member account that the requests only credit: locked last, only while the transaction writes. */
    private static final byte CREDITED = 2;
    /** A system account: guarded by the system lock. */
    private static final byte SYSTEM = 3;

    /**
     * Writes with the debited member accounts locked in handle order, then the system lock, then the credited member
     * accounts tried without waiting: an account that many transactions credit (a popular creator's hold) is then held
     * only while the transaction writes, not while it waits for the system lock. Never waits while holding the system
     * lock, so it cannot deadlock with a transaction that holds a member lock and waits for the system lock. With
     * {@code waitForAll}, every member account is locked in handle order before the system lock, waiting for each.
     *
     * @return false, having written nothing and released every lock, if a credited account was busy (never with
     *     {@code waitForAll})
     */
    private boolean writeLocking(
            TransactionRequest[] reqs,
            boolean[] claimed,
            Scratch s,
            int requests,
            int d,
            boolean system,
            boolean waitForAll) {
        boolean[] held = s.held;
        ReentrantLock[] locks = s.locks;
        boolean systemTaken = false;
        try {
            for (int i = 0; i < d; i++) {
                if (s.roles[i] == DEBITED || (waitForAll && s.roles[i] == CREDITED)) {
                    ReentrantLock lock = accounts.lock(s.distinct[i]);
                    locks[i] = lock;
                    Locks.acquire(lock);
                    held[i] = true;
                }
            }
            // Read before the system lock, so that a slow clock holds up only this transaction's member accounts.
            Instant now = clock.instant();
            if (system) {
                Locks.acquire(systemLock);
                systemTaken = true;
            }
            for (int i = 0; i < d && !waitForAll; i++) {
                if (s.roles[i] == CREDITED) {
                    ReentrantLock lock = accounts.lock(s.distinct[i]);
                    if (!lock.tryLock()) {
                        return false;
                    }
                    locks[i] = lock;
                    held[i] = true;
                }
            }
            writeLocked(reqs, claimed, s, requests, d, now);
            return true;
        } finally {
            if (systemTaken) {
                systemLock.unlock();
            }
            unlockHeld(s, d);
        }
    }

    private static void unlockHeld(Scratch s, int d) {
        for (int i = d - 1; i >= 0; i--) {
            if (s.held[i]) {
                s.held[i] = false;
                s.locks[i].unlock();
                s.locks[i] = null;
            }
        }
    }

    private void writeLocked(
            TransactionRequest[] reqs, boolean[] claimed, Scratch s, int requests, int d, Instant now) {
        EntryLog[] logs = s.logs;
        for (int i = 0; i < d; i++) {
            int h = s.distinct[i];
            s.balances[i] = s.initial[i] = accounts.balance(h);
            EntryLog entries = accounts.log(h);
            logs[i] = entries;
            s.sizes[i] = entries.size();
        }
        long[][] after = s.after;
        long[][] sequences = s.sequences;
        Posting[] postings = s.postings;
        int[] places = s.places;
        int k = 0;
        for (int r = 0; r < reqs.length; r++) {
            if (claimed != null && !claimed[r]) {
                continue;
            }
            int n = reqs[r].postings().size();
            long[] a = new long[n];
            long[] q = new long[n];
            for (int p = 0; p < n; p++, k++) {
                int place = places[k];
                long next = PostingGuard.after(postings[k], s.balances[place]);
                s.balances[place] = next;
                a[p] = next;
                q[p] = ++s.sizes[place];
            }
            after[r] = a;
            sequences[r] = q;
        }
        // Every check passed: from here on, nothing fails but the store's capacity, before anything is written.
        int index = log.reserve(requests);
        k = 0;
        for (int r = 0; r < reqs.length; r++) {
            if (claimed != null && !claimed[r]) {
                continue;
            }
            TransactionRequest req = reqs[r];
            int n = req.postings().size();
            int kind = s.kinds[r];
            if (requests > 1) {
                s.writer.begin(req, kind);
            }
            long location = s.writer.finish(log, now, req.postings(), s.handles, k, sequences[r], after[r]);
            log.publish(index, kind, location);
            long id = index + 1L;
            s.results[r] = AppliedTransaction.of(req, id, now, sequences[r], after[r]);
            if (outbox != null) {
                outbox.add(id, req, now);
            }
            for (int p = 0; p < n; p++, k++) {
                logs[places[k]].add(index);
            }
            index++;
        }
        for (int i = 0; i < d; i++) {
            if (s.balances[i] != s.initial[i]) {
                accounts.setBalance(s.distinct[i], s.balances[i]);
                indexes.balanceChanged(s.distinct[i], s.initial[i], s.balances[i]);
            }
        }
    }

    private static int firstClaimed(boolean[] claimed, int n) {
        for (int r = 0; r < n; r++) {
            if (claimed == null || claimed[r]) {
                return r;
            }
        }
        throw new IllegalStateException("no claimed request");
    }

    @Override
    public Optional<AppliedTransaction> find(IdempotencyKey key) {
        String k = Objects.requireNonNull(key, "key").value();
        int index = keys.find(k, KeyIndex.hash(k));
        return index < 0 ? Optional.empty() : Optional.of(decoder.transaction(index, log.location(index)));
    }

    @Override
    public long balance(AccountId account) {
        return accounts.balance(existing(account));
    }

    @Override
    public Page entries(AccountId account, PageRequest request) {
        int h = existing(account);
        return reads.entries(h, account, Objects.requireNonNull(request, "request"));
    }

    @Override
    public List<AccountId> nonZeroAccounts(AccountType type, AccountId after, int limit) {
        Objects.requireNonNull(type, "type");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        return indexes.nonZero(type, after, limit);
    }

    @Override
    public List<AccountBalance> memberAccounts(UserId owner, AccountType type, AccountId after, int limit) {
        LedgerStore.checkMemberAccounts(owner, type, limit);
        return indexes.owned(owner, type, after, limit);
    }

    @Override
    public List<AppliedTransaction> transactions(String kind, long afterId, int limit) {
        return reads.transactions(kind, afterId, limit);
    }

    @Override
    public LedgerSnapshot snapshot() {
        return reads.snapshot();
    }

    private int existing(AccountId account) {
        int h = accounts.handle(Objects.requireNonNull(account, "account"));
        if (h < 0) {
            throw new UnknownAccountException(account);
        }
        return h;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the caps live in this store's memory, for as long as the store.
     */
    @Override
    public UserLimits userLimits() {
        return userLimits;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this store was made without an outbox
     */
    @Override
    public List<OutboxMessage> claim(String relayId, int max, Duration lease) {
        TransactionOutbox.checkClaim(relayId, max, lease);
        return outbox().claim(relayId, max, lease);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this store was made without an outbox
     */
    @Override
    public List<OutboxMessage> poll(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        return outbox().poll(max);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this store was made without an outbox
     */
    @Override
    public void acknowledge(Collection<OutboxMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        outbox().acknowledge(messages);
    }

    private MemoryOutbox outbox() {
        if (outbox == null) {
            throw new IllegalStateException("this store keeps no outbox: make it with InMemoryLedgerStore.withOutbox");
        }
        return outbox;
    }
}
