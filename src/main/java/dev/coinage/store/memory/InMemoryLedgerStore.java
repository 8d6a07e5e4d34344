package dev.coinage.store.memory;

import dev.coinage.BalanceOverflowException;
import dev.coinage.IdempotencyConflictException;
import dev.coinage.IdempotencyKey;
import dev.coinage.InsufficientBalanceException;
import dev.coinage.UnknownAccountException;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link LedgerStore} held in memory, the default store. Thread-safe: each account has its own lock, and a
 * transaction locks just its accounts, in one global order, so transactions on disjoint accounts run in parallel and
 * never deadlock. An idempotency key is claimed before any account is locked, so concurrent requests with one key
 * apply once; the others wait for the first and get its result.
 *
 * <p>Everything is kept for the life of the object, including every applied key: this store suits tests, demos and
 * hosts whose ledger fits in memory.
 */
public final class InMemoryLedgerStore implements LedgerStore {
    private static final Comparator<Account> LOCK_ORDER = Comparator.comparingLong(a -> a.ordinal);

    private final Clock clock;
    private final ConcurrentHashMap<AccountId, Account> accounts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<IdempotencyKey, Claim> claims = new ConcurrentHashMap<>();
    private final AtomicLong accountOrdinals = new AtomicLong();
    private final AtomicLong transactionIds = new AtomicLong();

    private InMemoryLedgerStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return new InMemoryLedgerStore(Clock.systemUTC());
    }

    /**
     * Creates an empty store whose entries are stamped by the given clock.
     *
     * @param clock the clock, not null
     * @return the store, never null
     */
    public static InMemoryLedgerStore create(Clock clock) {
        return new InMemoryLedgerStore(clock);
    }

    @Override
    public void open(AccountId account) {
        Objects.requireNonNull(account, "account");
        accounts.computeIfAbsent(account, id -> new Account(id, accountOrdinals.incrementAndGet()));
    }

    @Override
    public boolean exists(AccountId account) {
        return accounts.containsKey(Objects.requireNonNull(account, "account"));
    }

    @Override
    public AppliedTransaction apply(TransactionRequest request) {
        Objects.requireNonNull(request, "request");
        Claim claim = new Claim();
        AppliedTransaction first = claimOrReplay(request, claim);
        if (first != null) {
            return first;
        }
        AppliedTransaction[] results = new AppliedTransaction[1];
        Claim[] held = {claim};
        applyClaimed(new TransactionRequest[] {request}, held, results);
        return results[0];
    }

    @Override
    public List<AppliedTransaction> applyAll(List<TransactionRequest> requests) {
        TransactionRequest[] reqs = checkBatch(requests);
        AppliedTransaction[] results = new AppliedTransaction[reqs.length];
        Claim[] held = new Claim[reqs.length];
        claimAll(reqs, held, results);
        applyClaimed(reqs, held, results);
        return List.of(results);
    }

    private static TransactionRequest[] checkBatch(List<TransactionRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("requests must not be empty");
        }
        TransactionRequest[] reqs = requests.toArray(new TransactionRequest[0]);
        Set<IdempotencyKey> keys = new HashSet<>();
        for (int i = 0; i < reqs.length; i++) {
            Objects.requireNonNull(reqs[i], "requests[" + i + "]");
            if (!keys.add(reqs[i].key())) {
                throw new IllegalArgumentException("requests[" + i + "] repeats key " + reqs[i].key());
            }
        }
        return reqs;
    }

    /**
     * Claims the request's key with {@code claim}, or returns the earlier result under that key. Returns null when
     * the claim is ours. Waits while another thread holds the key for a request still being applied.
     */
    private AppliedTransaction claimOrReplay(TransactionRequest request, Claim claim) {
        while (true) {
            Claim earlier = claims.putIfAbsent(request.key(), claim);
            if (earlier == null) {
                return null;
            }
            AppliedTransaction done = earlier.result.join();
            if (done != null) {
                return replayOf(request, done);
            }
            // The earlier attempt failed and released the key: try to claim it again.
        }
    }

    private void claimAll(TransactionRequest[] reqs, Claim[] held, AppliedTransaction[] results) {
        while (true) {
            Claim blocker = null;
            try {
                for (int i = 0; i < reqs.length && blocker == null; i++) {
                    Claim mine = new Claim();
                    Claim earlier = claims.putIfAbsent(reqs[i].key(), mine);
                    if (earlier == null) {
                        held[i] = mine;
                    } else {
                        AppliedTransaction done = earlier.result.getNow(null);
                        if (done == null) {
                            // Never wait while holding claims: two batches could wait for each other.
                            blocker = earlier;
                        } else {
                            results[i] = replayOf(reqs[i], done);
                        }
                    }
                }
            } catch (RuntimeException e) {
                release(reqs, held);
                throw e;
            }
            if (blocker == null) {
                return;
            }
            release(reqs, held);
            Arrays.fill(results, null);
            blocker.result.join();
        }
    }

    private static AppliedTransaction replayOf(TransactionRequest request, AppliedTransaction done) {
        if (!done.fingerprint().equals(request.fingerprint())) {
            throw new IdempotencyConflictException(request.key());
        }
        return done.asReplay();
    }

    private void release(TransactionRequest[] reqs, Claim[] held) {
        for (int i = 0; i < held.length; i++) {
            if (held[i] != null) {
                claims.remove(reqs[i].key(), held[i]);
                held[i].result.complete(null);
                held[i] = null;
            }
        }
    }

    /** Applies the requests whose claims are held; the others already have their (replayed) results. */
    private void applyClaimed(TransactionRequest[] reqs, Claim[] held, AppliedTransaction[] results) {
        try {
            Account[] locked = lockAccounts(reqs, held);
            try {
                write(reqs, held, results, locked);
            } finally {
                for (int i = locked.length - 1; i >= 0; i--) {
                    locked[i].lock.unlock();
                }
            }
        } catch (RuntimeException | Error e) {
            release(reqs, held);
            throw e;
        }
        for (int i = 0; i < held.length; i++) {
            if (held[i] != null) {
                held[i].result.complete(results[i]);
            }
        }
    }

    private Account[] lockAccounts(TransactionRequest[] reqs, Claim[] held) {
        List<Account> list = new ArrayList<>(4);
        for (int i = 0; i < reqs.length; i++) {
            if (held[i] == null) {
                continue;
            }
            for (Posting p : reqs[i].postings()) {
                Account a = accounts.get(p.account());
                if (a == null) {
                    throw new UnknownAccountException(p.account());
                }
                if (!list.contains(a)) {
                    list.add(a);
                }
            }
        }
        Account[] locked = list.toArray(new Account[0]);
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
    private void write(TransactionRequest[] reqs, Claim[] held, AppliedTransaction[] results, Account[] locked) {
        Map<AccountId, Integer> index = locked.length > 8 ? indexOf(locked) : null;
        long[] balances = new long[locked.length];
        for (int i = 0; i < locked.length; i++) {
            balances[i] = locked[i].balance;
        }
        long[][] after = new long[reqs.length][];
        int[][] slots = new int[reqs.length][];
        for (int r = 0; r < reqs.length; r++) {
            if (held[r] == null) {
                continue;
            }
            List<Posting> postings = reqs[r].postings();
            after[r] = new long[postings.size()];
            slots[r] = new int[postings.size()];
            for (int p = 0; p < postings.size(); p++) {
                Posting posting = postings.get(p);
                int slot = slotOf(locked, index, posting.account());
                long before = balances[slot];
                long next;
                try {
                    next = Math.addExact(before, posting.amount());
                } catch (ArithmeticException e) {
                    throw new BalanceOverflowException(posting.account(), before, posting.amount());
                }
                if (next < 0
                        && posting.amount() < 0
                        && !posting.intoDebt()
                        && posting.account().type().isMember()) {
                    throw InsufficientBalanceException.of(posting.account(), -posting.amount(), before);
                }
                balances[slot] = next;
                after[r][p] = next;
                slots[r][p] = slot;
            }
        }
        Instant now = clock.instant();
        for (int r = 0; r < reqs.length; r++) {
            if (held[r] == null) {
                continue;
            }
            TransactionRequest req = reqs[r];
            long id = transactionIds.incrementAndGet();
            List<Posting> postings = req.postings();
            Entry[] entries = new Entry[postings.size()];
            Map<AccountId, Long> balancesAfter = new HashMap<>(postings.size() * 2);
            for (int p = 0; p < entries.length; p++) {
                Account a = locked[slots[r][p]];
                Entry e = new Entry(
                        id, a.entries.size() + 1L, a.id, postings.get(p).amount(), req.kind(), now);
                a.entries.add(e);
                entries[p] = e;
                balancesAfter.put(a.id, after[r][p]);
            }
            results[r] = AppliedTransaction.of(
                    id,
                    req.key(),
                    req.kind(),
                    req.fingerprint(),
                    req.attributes(),
                    now,
                    Arrays.asList(entries),
                    balancesAfter);
        }
        for (int i = 0; i < locked.length; i++) {
            locked[i].balance = balances[i];
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
        Claim claim = claims.get(Objects.requireNonNull(key, "key"));
        return claim == null ? Optional.empty() : Optional.ofNullable(claim.result.getNow(null));
    }

    @Override
    public long balance(AccountId account) {
        Account a = existing(account);
        a.lock.lock();
        try {
            return a.balance;
        } finally {
            a.lock.unlock();
        }
    }

    @Override
    public Page entries(AccountId account, PageRequest request) {
        Account a = existing(account);
        Objects.requireNonNull(request, "request");
        List<Entry> page = new ArrayList<>(Math.min(request.size(), 64));
        a.lock.lock();
        try {
            int count = a.entries.size();
            if (request.order() == PageRequest.Order.OLDEST_FIRST) {
                // Sequence s is at index s - 1.
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

    private static final class Account {
        final AccountId id;
        final long ordinal;
        final ReentrantLock lock = new ReentrantLock();
        final List<Entry> entries = new ArrayList<>();
        long balance;

        Account(AccountId id, long ordinal) {
            this.id = id;
            this.ordinal = ordinal;
        }
    }

    /** A key's slot: once settled, the transaction applied under it, or null if the attempt failed. */
    private static final class Claim {
        final CompletableFuture<AppliedTransaction> result = new CompletableFuture<>();
    }
}
