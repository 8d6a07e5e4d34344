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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LedgerStore} held in memory, the default store. Thread-safe: each account has its own lock, and a
 * transaction locks just its accounts, in one global order, so transactions on disjoint accounts run in parallel and
 * never deadlock. An idempotency key is claimed before any account is locked, so concurrent requests with one key
 * apply once; the others wait for the first and get its result.
 *
 * <p>Everything is kept for the life of the object, including every applied key: this store suits tests, demos and
 * hosts whose ledger fits in memory.
 *
 * <p>A store made by {@link #withOutbox} is also a {@link TransactionOutbox}: every applied transaction leaves one
 * message, added under the same locks as its entries, until it is acknowledged — so a host can run its relay against
 * this store exactly as against {@code PostgresLedgerStore}. The other factories keep no outbox (it would grow until
 * acknowledged), and their {@link #poll} refuses.
 */
public final class InMemoryLedgerStore implements LedgerStore, TransactionOutbox {
    private static final Comparator<Account> LOCK_ORDER = Comparator.comparingLong(a -> a.ordinal);

    private final Clock clock;
    private final ConcurrentHashMap<AccountId, Account> accounts = new ConcurrentHashMap<>();
    /** What the store keeps to list accounts and transactions without scanning. */
    private final Indexes indexes = new Indexes();
    /** Per key: its slot, pending while the request is applied, then holding the transaction for good. */
    private final ConcurrentHashMap<IdempotencyKey, Slot> keys = new ConcurrentHashMap<>();

    private final AtomicLong accountOrdinals = new AtomicLong();
    private final AtomicLong transactionIds = new AtomicLong();
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
        if (accounts.containsKey(Objects.requireNonNull(account, "account"))) {
            return; // the common case: no lambda, no lock
        }
        accounts.computeIfAbsent(account, id -> {
            Account a = new Account(id, accountOrdinals.incrementAndGet());
            // Indexed before the account becomes visible, so every account that exists is listed by its owner.
            indexes.opened(a);
            return a;
        });
    }

    @Override
    public boolean exists(AccountId account) {
        return accounts.containsKey(Objects.requireNonNull(account, "account"));
    }

    @Override
    public AppliedTransaction apply(TransactionRequest request) {
        Objects.requireNonNull(request, "request");
        Slot pending = new Slot();
        while (true) {
            Slot earlier = keys.putIfAbsent(request.key(), pending);
            if (earlier == null) {
                break;
            }
            AppliedTransaction done = earlier.await();
            if (done != null) {
                return replayOf(request, done);
            }
            // The earlier attempt failed and freed the key: claim it again.
        }
        AppliedTransaction applied;
        try {
            applied = applyOne(request);
        } catch (RuntimeException | Error e) {
            keys.remove(request.key(), pending);
            pending.settle(null);
            throw e;
        }
        pending.settle(applied);
        return applied;
    }

    /**
     * Applies one request whose key is claimed: {@link #applyClaimed} without the batch's arrays and look-ups, since a
     * request names each account once (so each posting's running balance is its account's balance).
     */
    private AppliedTransaction applyOne(TransactionRequest req) {
        List<Posting> postings = req.postings();
        int n = postings.size();
        Account[] accounts = new Account[n];
        for (int i = 0; i < n; i++) {
            accounts[i] = existing(postings.get(i).account());
        }
        Account[] locked = accounts.clone();
        Arrays.sort(locked, LOCK_ORDER);
        int taken = 0;
        try {
            for (; taken < n; taken++) {
                locked[taken].lock.lock();
            }
            long[] after = new long[n];
            for (int i = 0; i < n; i++) {
                after[i] = PostingGuard.after(postings.get(i), accounts[i].balance);
            }
            long[] sequences = new long[n];
            for (int i = 0; i < n; i++) {
                sequences[i] = accounts[i].entries.size() + 1L;
            }
            Instant now = clock.instant();
            long id = transactionIds.incrementAndGet();
            AppliedTransaction applied = AppliedTransaction.of(req, id, now, sequences, after);
            indexes.applied(applied);
            if (outbox != null) {
                outbox.add(id, req, now);
            }
            for (int i = 0; i < n; i++) {
                accounts[i].entries.add(applied, i);
                indexes.setBalance(accounts[i], after[i]);
            }
            return applied;
        } finally {
            for (int i = taken - 1; i >= 0; i--) {
                locked[i].lock.unlock();
            }
        }
    }

    @Override
    public List<AppliedTransaction> applyAll(List<TransactionRequest> requests) {
        TransactionRequest[] reqs = LedgerStore.checkBatch(requests);
        AppliedTransaction[] results = new AppliedTransaction[reqs.length];
        Slot[] claims = new Slot[reqs.length];
        claimAll(reqs, claims, results);
        applyClaimed(reqs, claims, results);
        return List.of(results);
    }

    private void claimAll(TransactionRequest[] reqs, Slot[] claims, AppliedTransaction[] results) {
        while (true) {
            Slot blocker = null;
            try {
                for (int i = 0; i < reqs.length && blocker == null; i++) {
                    Slot mine = new Slot();
                    Slot earlier = keys.putIfAbsent(reqs[i].key(), mine);
                    if (earlier == null) {
                        claims[i] = mine;
                    } else if (earlier.isApplied()) {
                        results[i] = replayOf(reqs[i], earlier.await());
                    } else {
                        // Never wait while holding claims: two batches could wait for each other.
                        blocker = earlier;
                    }
                }
            } catch (RuntimeException e) {
                release(reqs, claims);
                throw e;
            }
            if (blocker == null) {
                return;
            }
            release(reqs, claims);
            Arrays.fill(results, null);
            blocker.await();
        }
    }

    private static AppliedTransaction replayOf(TransactionRequest request, AppliedTransaction done) {
        if (!done.fingerprint().equals(request.fingerprint())) {
            throw new IdempotencyConflictException(request.key());
        }
        return done.asReplay();
    }

    private void release(TransactionRequest[] reqs, Slot[] claims) {
        for (int i = 0; i < claims.length; i++) {
            if (claims[i] != null) {
                keys.remove(reqs[i].key(), claims[i]);
                claims[i].settle(null);
                claims[i] = null;
            }
        }
    }

    /** Applies the requests whose keys are claimed; the others already have their replayed results. */
    private void applyClaimed(TransactionRequest[] reqs, Slot[] claims, AppliedTransaction[] results) {
        try {
            Account[] locked = lockAccounts(reqs, claims);
            try {
                write(reqs, claims, results, locked);
            } finally {
                for (int i = locked.length - 1; i >= 0; i--) {
                    locked[i].lock.unlock();
                }
            }
        } catch (RuntimeException | Error e) {
            release(reqs, claims);
            throw e;
        }
        for (int i = 0; i < claims.length; i++) {
            if (claims[i] != null) {
                claims[i].settle(results[i]);
            }
        }
    }

    private Account[] lockAccounts(TransactionRequest[] reqs, Slot[] claims) {
        Account[] locked;
        if (reqs.length == 1) {
            // A request names each account once, so no de-duplication is needed.
            List<Posting> postings = reqs[0].postings();
            locked = new Account[postings.size()];
            for (int i = 0; i < locked.length; i++) {
                locked[i] = existing(postings.get(i).account());
            }
        } else {
            Set<Account> all = new HashSet<>();
            for (int r = 0; r < reqs.length; r++) {
                if (claims[r] != null) {
                    for (Posting p : reqs[r].postings()) {
                        all.add(existing(p.account()));
                    }
                }
            }
            locked = all.toArray(new Account[0]);
        }
        Arrays.sort(locked, LOCK_ORDER);
        int taken = 0;
        try {
            for (; taken < locked.length; taken++) {
                locked[taken].lock.lock();
            }
        } catch (RuntimeException | Error e) {
            for (int i = taken - 1; i >= 0; i--) {
                locked[i].lock.unlock();
            }
            throw e;
        }
        return locked;
    }

    /** Checks every posting against running balances, then writes them all; nothing is written if a check fails. */
    private void write(TransactionRequest[] reqs, Slot[] claims, AppliedTransaction[] results, Account[] locked) {
        Map<AccountId, Integer> index = locked.length > 8 ? indexOf(locked) : null;
        long[] balances = new long[locked.length];
        for (int i = 0; i < locked.length; i++) {
            balances[i] = locked[i].balance;
        }
        long[][] after = new long[reqs.length][];
        int[][] slots = new int[reqs.length][];
        for (int r = 0; r < reqs.length; r++) {
            if (claims[r] == null) {
                continue;
            }
            List<Posting> postings = reqs[r].postings();
            after[r] = new long[postings.size()];
            slots[r] = new int[postings.size()];
            for (int p = 0; p < postings.size(); p++) {
                Posting posting = postings.get(p);
                int slot = slotOf(locked, index, posting.account());
                long next = PostingGuard.after(posting, balances[slot]);
                balances[slot] = next;
                after[r][p] = next;
                slots[r][p] = slot;
            }
        }
        Instant now = clock.instant();
        for (int r = 0; r < reqs.length; r++) {
            if (claims[r] == null) {
                continue;
            }
            TransactionRequest req = reqs[r];
            long id = transactionIds.incrementAndGet();
            int count = req.postings().size();
            long[] sequences = new long[count];
            for (int p = 0; p < count; p++) {
                sequences[p] = locked[slots[r][p]].entries.size() + 1L;
            }
            AppliedTransaction applied = AppliedTransaction.of(req, id, now, sequences, after[r]);
            for (int p = 0; p < count; p++) {
                locked[slots[r][p]].entries.add(applied, p);
            }
            results[r] = applied;
            indexes.applied(applied);
            if (outbox != null) {
                outbox.add(id, req, now);
            }
        }
        for (int i = 0; i < locked.length; i++) {
            indexes.setBalance(locked[i], balances[i]);
        }
    }

    private static Map<AccountId, Integer> indexOf(Account[] locked) {
        Map<AccountId, Integer> index = new HashMap<>(locked.length * 2);
        for (int i = 0; i < locked.length; i++) {
            index.put(locked[i].id, i);
        }
        return index;
    }

    private static int slotOf(Account[] locked, Map<AccountId, Integer> index, AccountId id) {
        if (index != null) {
            return index.get(id);
        }
        for (int i = 0; i < locked.length; i++) {
            if (locked[i].id.equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("account not locked: " + id);
    }

    @Override
    public Optional<AppliedTransaction> find(IdempotencyKey key) {
        Slot slot = keys.get(Objects.requireNonNull(key, "key"));
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.appliedOrNull());
    }

    @Override
    public long balance(AccountId account) {
        return existing(account).balance();
    }

    @Override
    public Page entries(AccountId account, PageRequest request) {
        Account a = existing(account);
        Objects.requireNonNull(request, "request");
        List<Entry> page = new ArrayList<>(Math.min(request.size(), 64));
        a.lock.lock();
        try {
            int count = a.entries.size();
            // This store's sequences have no gaps: sequence s is at index s - 1.
            if (request.order() == PageRequest.Order.OLDEST_FIRST) {
                for (long i = request.afterSequence(); i < count && page.size() < request.size(); i++) {
                    page.add(a.entries.get((int) i));
                }
            } else {
                long start = request.afterSequence() == 0 ? count : Math.min(count, request.afterSequence() - 1);
                for (long i = start - 1; i >= 0 && page.size() < request.size(); i--) {
                    page.add(a.entries.get((int) i));
                }
            }
        } finally {
            a.lock.unlock();
        }
        return Page.of(request, page);
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
        Objects.requireNonNull(kind, "kind");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative: " + afterId);
        }
        return indexes.journal(kind, afterId, limit);
    }

    @Override
    public LedgerSnapshot snapshot() {
        Account[] all = accounts.values().toArray(new Account[0]);
        Arrays.sort(all, LOCK_ORDER);
        Map<AccountId, Long> balances = new HashMap<>(all.length * 2);
        int taken = 0;
        try {
            // Holding every existing account's lock at once excludes any half-applied transaction; accounts opened
            // meanwhile have had no entries that could unbalance the sums (a transaction locks all its accounts).
            for (; taken < all.length; taken++) {
                all[taken].lock.lock();
            }
            for (Account a : all) {
                balances.put(a.id, a.balance);
            }
        } finally {
            for (int i = taken - 1; i >= 0; i--) {
                all[i].lock.unlock();
            }
        }
        return LedgerSnapshot.of(balances);
    }

    private Account existing(AccountId account) {
        Account a = accounts.get(Objects.requireNonNull(account, "account"));
        if (a == null) {
            throw new UnknownAccountException(account);
        }
        return a;
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
