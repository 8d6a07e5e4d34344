package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.LedgerUnit;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.store.LedgerInvariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The in-memory store under concurrent writers: system accounts share one lock, member accounts have their own. */
class InMemoryConcurrencyTest {
    private static final AccountId ISSUED = AccountId.system(AccountType.COINS_ISSUED_PAID);
    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    private static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);

    private final InMemoryLedgerStore store = InMemoryLedgerStore.create();

    @Test
    void snapshotsStayBalancedWhileAccountsAreOpenedAndFunded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean done = new AtomicBoolean();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 3000; i++) {
                        // A new account funded from a system account at once: a snapshot that missed the account
                        // but saw the system account's debit would not balance.
                        AccountId wallet = AccountId.userCoins(UserId.of("w" + thread + "-" + i));
                        store.open(wallet);
                        store.apply(TransactionRequest.builder(IdempotencyKey.of(thread + "-" + i), "recharge")
                                .debit(ISSUED, 1 + i % 5)
                                .credit(wallet, 1 + i % 5)
                                .build());
                    }
                    return null;
                }));
            }
            Future<Integer> snapshots = pool.submit(() -> {
                int taken = 0;
                while (!done.get()) {
                    LedgerSnapshot s = store.snapshot();
                    for (LedgerUnit unit : LedgerUnit.values()) {
                        assertThat(s.total(unit)).as("sum of %s", unit.plural()).isZero();
                    }
                    taken++;
                }
                return taken;
            });
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            assertThat(snapshots.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void giftsFromManyThreadsToOneCreatorKeepEveryInvariantAndGaplessSequences() throws Exception {
        int threads = 4;
        int gifts = 2500;
        AccountId hold = AccountId.creatorHold(UserId.of("star"), "p1");
        store.open(hold);
        List<AccountId> wallets = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AccountId wallet = AccountId.userCoins(UserId.of("viewer" + t));
            store.open(wallet);
            store.apply(TransactionRequest.builder(IdempotencyKey.of("fund" + t), "recharge")
                    .debit(ISSUED, gifts)
                    .credit(wallet, gifts)
                    .build());
            wallets.add(wallet);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AccountId wallet = wallets.get(t);
                int thread = t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < gifts; i++) {
                        store.apply(TransactionRequest.builder(IdempotencyKey.of("g" + thread + "-" + i), "gift")
                                .debit(wallet, 1)
                                .credit(CONSUMED, 1)
                                .debit(PARTS_ISSUED, 1)
                                .credit(hold, 1)
                                .build());
                    }
                    return null;
                }));
            }
            for (Future<?> s : senders) {
                s.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        LedgerInvariants.check(store, Set.of());
        assertThat(store.balance(hold)).isEqualTo((long) threads * gifts);
        assertThat(store.balance(CONSUMED)).isEqualTo((long) threads * gifts);
        for (AccountId account : List.of(hold, CONSUMED, PARTS_ISSUED)) {
            List<Entry> entries = LedgerInvariants.allEntries(store, account, PageRequest.oldestFirst(500));
            assertThat(entries).hasSize(threads * gifts);
            for (int i = 0; i < entries.size(); i++) {
                assertThat(entries.get(i).sequence()).isEqualTo(i + 1L);
            }
        }
        for (AccountId wallet : wallets) {
            assertThat(store.balance(wallet)).isZero();
        }
    }
}
