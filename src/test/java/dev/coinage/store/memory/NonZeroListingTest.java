package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's listings of accounts with a balance ({@code nonZeroAccounts}, {@code memberAccounts}) while
 * many balances leave and reach zero: after every step they list exactly the accounts with a balance, in text order,
 * however often the index has merged newcomers and dropped emptied accounts; and a listing made while other threads
 * empty and refill accounts never misses an account that kept its balance throughout.
 */
class NonZeroListingTest {
    private static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);
    private static final int OWNERS = 3;
    private static final int PERIODS = 20;

    private static AccountId hold(int i) {
        return AccountId.creatorHold(UserId.of("c" + (i % OWNERS)), "p" + (i / OWNERS));
    }

    @Test
    void listingsAgreeWithTheBalancesAfterEveryStep() {
        qt().withExamples(60)
                .forAll(lists().of(integers().between(0, OWNERS * PERIODS * 4 - 1))
                        .ofSizeBetween(1, 400))
                .checkAssert(this::run);
    }

    private void run(List<Integer> ops) {
        InMemoryLedgerStore store = InMemoryLedgerStore.create();
        TreeMap<AccountId, Long> model = new TreeMap<>();
        int key = 0;
        for (int op : ops) {
            AccountId hold = hold(op % (OWNERS * PERIODS));
            store.open(hold);
            long balance = model.getOrDefault(hold, 0L);
            // Mostly empty an account that has a balance, else give it one: balances leave and reach zero often.
            long change = balance > 0 && op / (OWNERS * PERIODS) < 3 ? -balance : 1 + op % 5;
            TransactionRequest.Builder b = TransactionRequest.builder(IdempotencyKey.of("k" + key++), "test");
            if (change > 0) {
                b.debit(PARTS_ISSUED, change).credit(hold, change);
            } else {
                b.debit(hold, -change).credit(PARTS_ISSUED, -change);
            }
            store.apply(b.build());
            model.put(hold, balance + change);
            check(store, model);
        }
    }

    private static void check(InMemoryLedgerStore store, TreeMap<AccountId, Long> model) {
        List<AccountId> expected = new ArrayList<>();
        model.forEach((account, balance) -> {
            if (balance != 0) {
                expected.add(account);
            }
        });
        assertThat(listAll(store, 7)).isEqualTo(expected);
        for (int o = 0; o < OWNERS; o++) {
            UserId owner = UserId.of("c" + o);
            List<AccountBalance> mine = new ArrayList<>();
            model.forEach((account, balance) -> {
                if (balance != 0 && account.owner().orElseThrow().equals(owner)) {
                    mine.add(new AccountBalance(account, balance));
                }
            });
            List<AccountBalance> listed = new ArrayList<>();
            AccountId after = null;
            for (List<AccountBalance> page = store.memberAccounts(owner, AccountType.CREATOR_HOLD, null, 3);
                    !page.isEmpty();
                    page = store.memberAccounts(owner, AccountType.CREATOR_HOLD, after, 3)) {
                listed.addAll(page);
                after = page.get(page.size() - 1).account();
            }
            assertThat(listed).as("holds of %s", owner).isEqualTo(mine);
            assertThat(store.memberAccounts(owner, AccountType.CREATOR_CARRY, null, 3))
                    .isEmpty();
        }
    }

    private static List<AccountId> listAll(InMemoryLedgerStore store, int page) {
        List<AccountId> listed = new ArrayList<>();
        AccountId after = null;
        for (List<AccountId> p = store.nonZeroAccounts(AccountType.CREATOR_HOLD, null, page);
                !p.isEmpty();
                p = store.nonZeroAccounts(AccountType.CREATOR_HOLD, after, page)) {
            listed.addAll(p);
            after = p.get(p.size() - 1);
        }
        return listed;
    }

    /**
     * A set that nobody lists (a type no report reads) still holds about its accounts with a balance: the writer merges
     * it once its newcomers reach {@link NonZeroAccounts#MERGE_AT}, dropping the accounts emptied meanwhile.
     */
    @Test
    void aSetThatIsNeverListedStaysAboutTheSizeOfItsAccountsWithABalance() {
        Accounts accounts = new Accounts();
        NonZeroAccounts set = new NonZeroAccounts(accounts);
        int[] handles = new int[50];
        for (int i = 0; i < handles.length; i++) {
            AccountId id = AccountId.creatorHold(UserId.of("c" + i), "p1");
            accounts.open(id, h -> {});
            handles[i] = accounts.handle(id);
        }
        int merges = 0;
        int most = 0;
        for (int round = 0; round < 400; round++) {
            for (int h : handles) {
                accounts.setBalance(h, 1);
                if (set.leftZero(h)) {
                    set.sorted(); // what the writer does once it holds no lock
                    merges++;
                }
                most = Math.max(most, set.held());
                accounts.setBalance(h, 0);
                set.reachedZero();
            }
        }
        assertThat(merges).isGreaterThanOrEqualTo(4);
        assertThat(most).isLessThanOrEqualTo(NonZeroAccounts.MERGE_AT + handles.length);
        accounts.setBalance(handles[7], 3);
        set.leftZero(handles[7]);
        int[] sorted = set.sorted();
        int withBalance = 0;
        for (int h : sorted) {
            if (accounts.balance(h) != 0) {
                withBalance++;
                assertThat(h).isEqualTo(handles[7]);
            }
        }
        assertThat(withBalance).isEqualTo(1);
    }

    @Test
    void aListingMadeWhileOthersEmptyAndRefillAccountsFindsEveryAccountThatKeptItsBalance() throws Exception {
        InMemoryLedgerStore store = InMemoryLedgerStore.create();
        Set<AccountId> stable = new HashSet<>();
        AtomicLong keys = new AtomicLong();
        for (int i = 0; i < 40; i++) {
            AccountId kept = AccountId.creatorHold(UserId.of("kept" + i), "p1");
            store.open(kept);
            store.apply(TransactionRequest.builder(IdempotencyKey.of("fill-" + i), "test")
                    .debit(PARTS_ISSUED, 1)
                    .credit(kept, 1)
                    .build());
            stable.add(kept);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    for (int n = 0; !stop.get(); n++) {
                        // Accounts whose names sort among the kept ones, filled and emptied again and again.
                        AccountId flapping = AccountId.creatorHold(UserId.of("kept" + (n % 40) + "x" + writer), "p1");
                        store.open(flapping);
                        store.apply(TransactionRequest.builder(IdempotencyKey.of("f" + keys.incrementAndGet()), "test")
                                .debit(PARTS_ISSUED, 1)
                                .credit(flapping, 1)
                                .build());
                        store.apply(TransactionRequest.builder(IdempotencyKey.of("e" + keys.incrementAndGet()), "test")
                                .debit(flapping, 1)
                                .credit(PARTS_ISSUED, 1)
                                .build());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            writers.add(t);
        }
        started.await();
        try {
            for (int round = 0; round < 300; round++) {
                List<AccountId> listed = listAll(store, 5);
                assertThat(listed).containsAll(stable);
                assertThat(new HashSet<>(listed)).hasSameSizeAs(listed);
                assertThat(listed).isSorted();
            }
        } finally {
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(listAll(store, 5)).containsExactlyInAnyOrderElementsOf(stable);
    }
}
