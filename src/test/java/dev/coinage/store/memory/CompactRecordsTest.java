package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.store.LedgerInvariants;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the in-memory store's compact records give back: exactly what was applied, however it was stored. */
class CompactRecordsTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456789Z");
    private static final AccountId ISSUED = AccountId.system(AccountType.COINS_ISSUED_PAID);
    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    private final AccountId ana = AccountId.userCoins(UserId.of("ana"));
    private final AccountId zoe = AccountId.userCoins(UserId.of("zoé😀"));
    private final InMemoryLedgerStore store = InMemoryLedgerStore.create(Clock.fixed(AT, ZoneOffset.UTC));

    @Test
    void textsThatAreNotAsciiComeBackUnchangedFromFindReplayAndEntries() {
        store.open(ana);
        store.open(zoe);
        TransactionRequest request = TransactionRequest.builder(IdempotencyKey.of("clé-😀-1"), "recharge")
                .debit(ISSUED, Long.MAX_VALUE)
                .credit(zoe, Long.MAX_VALUE)
                .attribute("note", "crème brûlée ✓")
                .attribute("ref", "plain")
                .build();
        AppliedTransaction applied = store.apply(request);

        AppliedTransaction found = store.find(IdempotencyKey.of("clé-😀-1")).orElseThrow();
        assertThat(found.id()).isEqualTo(applied.id());
        assertThat(found.key()).isEqualTo(request.key());
        assertThat(found.kind()).isEqualTo("recharge");
        assertThat(found.fingerprint()).isEqualTo(request.fingerprint());
        assertThat(found.attributes()).isEqualTo(Map.of("note", "crème brûlée ✓", "ref", "plain"));
        assertThat(found.attributes().keySet()).containsExactly("note", "ref");
        assertThat(found.committedAt()).isEqualTo(AT);
        assertThat(found.entries()).isEqualTo(applied.entries());
        assertThat(found.balanceAfter(zoe)).hasValue(Long.MAX_VALUE);
        assertThat(found.balanceAfter(ISSUED)).hasValue(-Long.MAX_VALUE);
        assertThat(store.entries(zoe, PageRequest.oldestFirst(5)).entries())
                .containsExactly(new Entry(applied.id(), 1, zoe, Long.MAX_VALUE, "recharge", AT));

        AppliedTransaction again = store.apply(request);
        assertThat(again.replay()).isTrue();
        assertThat(again.entries()).isEqualTo(applied.entries());
        assertThat(store.find(IdempotencyKey.of("clé-😀-2"))).isEmpty();
        assertThatThrownBy(() -> store.apply(TransactionRequest.builder(IdempotencyKey.of("clé-😀-1"), "recharge")
                        .debit(ISSUED, Long.MAX_VALUE)
                        .credit(zoe, Long.MAX_VALUE)
                        .attribute("note", "crème brûlée ✗")
                        .attribute("ref", "plain")
                        .build()))
                .isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void repeatedFingerprintsAndAttributesComeBackForEveryTransaction() {
        store.open(ana);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("seed"), "recharge")
                .debit(ISSUED, 1_000_000)
                .credit(ana, 1_000_000)
                .build());
        Fingerprint same = Fingerprint.builder("gift").add("ana").add("rose").build();
        List<AppliedTransaction> applied = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Alternating values, one changing value and one repeated fingerprint, as gifts of a live stream have.
            applied.add(store.apply(TransactionRequest.builder(IdempotencyKey.of("g" + i), "gift")
                    .debit(ana, 1 + i % 3)
                    .credit(CONSUMED, 1 + i % 3)
                    .attribute("gift", i % 2 == 0 ? "rose" : "lion")
                    .attribute("n", Integer.toString(i))
                    .fingerprint(same)
                    .build()));
        }
        for (int i = 0; i < 3000; i++) {
            AppliedTransaction found = store.find(IdempotencyKey.of("g" + i)).orElseThrow();
            assertThat(found.id()).isEqualTo(applied.get(i).id());
            assertThat(found.fingerprint()).isEqualTo(same);
            assertThat(found.attributes())
                    .isEqualTo(Map.of("gift", i % 2 == 0 ? "rose" : "lion", "n", Integer.toString(i)));
            assertThat(found.entries()).isEqualTo(applied.get(i).entries());
        }
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void manyKeysAreAllFoundAndEachReplaysItsOwnTransaction() {
        store.open(ana);
        int n = 40_000;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = store.apply(issue("k" + i, 1 + i % 7)).id();
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int j = 0; j < 2000; j++) {
            int i = random.nextInt(n);
            AppliedTransaction replayed = store.apply(issue("k" + i, 1 + i % 7));
            assertThat(replayed.replay()).isTrue();
            assertThat(replayed.id()).isEqualTo(ids[i]);
            assertThat(replayed.entry(ana).orElseThrow().amount()).isEqualTo(1 + i % 7);
            assertThat(replayed.entry(ana).orElseThrow().sequence()).isEqualTo(i + 1L);
        }
        assertThat(store.find(IdempotencyKey.of("k" + n))).isEmpty();
        assertThat(store.entries(ana, PageRequest.oldestFirst(10)).entries()).hasSize(10);
    }

    @Test
    void theJournalOfAKindIsPagedAcrossManyTransactionsOfOtherKinds() {
        store.open(ana);
        List<Long> refunds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            AppliedTransaction t = store.apply(
                    i % 97 == 0
                            ? TransactionRequest.builder(IdempotencyKey.of("r" + i), "refund")
                                    .debit(ISSUED, 1)
                                    .credit(ana, 1)
                                    .build()
                            : issue("k" + i, 1));
            if (i % 97 == 0) {
                refunds.add(t.id());
            }
        }
        List<Long> paged = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AppliedTransaction> page = store.transactions("refund", after, 7);
            page.forEach(t -> paged.add(t.id()));
            if (page.size() < 7) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        assertThat(paged).isEqualTo(refunds);
        long recharges = 0;
        for (int i = 9_990; i < 10_000; i++) {
            recharges += i % 97 == 0 ? 0 : 1;
        }
        assertThat(store.transactions("recharge", 9_990, 100)).hasSize((int) recharges);
        assertThat(store.transactions("refund", 10_000, 10)).isEmpty();
    }

    @Test
    void aBatchThatFailsOnASystemAccountWritesNothingAnywhere() {
        store.open(ana);
        store.open(zoe);
        store.apply(issue("k0", Long.MAX_VALUE - 10));
        long entriesBefore = store.entries(ISSUED, PageRequest.newestFirst(1))
                .entries()
                .get(0)
                .sequence();
        // The second request takes the system account past the range of a long, after the first one moved it.
        assertThatThrownBy(() -> store.applyAll(List.of(
                        TransactionRequest.builder(IdempotencyKey.of("b1"), "recharge")
                                .debit(ISSUED, 5)
                                .credit(zoe, 5)
                                .build(),
                        TransactionRequest.builder(IdempotencyKey.of("b2"), "recharge")
                                .debit(ISSUED, 10)
                                .credit(ana, 10)
                                .build())))
                .isInstanceOf(dev.coinage.ledger.BalanceOverflowException.class);
        assertThat(store.balance(ISSUED)).isEqualTo(-(Long.MAX_VALUE - 10));
        assertThat(store.balance(zoe)).isZero();
        assertThat(store.entries(ISSUED, PageRequest.newestFirst(1))
                        .entries()
                        .get(0)
                        .sequence())
                .isEqualTo(entriesBefore);
        assertThat(store.entries(zoe, PageRequest.oldestFirst(1)).entries()).isEmpty();
        assertThat(store.find(IdempotencyKey.of("b1"))).isEmpty();
        assertThat(store.transactions("recharge", 1, 10)).isEmpty();

        // The same batch within range is written whole, with running balances and sequences on the shared accounts.
        List<AppliedTransaction> done = store.applyAll(List.of(
                TransactionRequest.builder(IdempotencyKey.of("b1"), "recharge")
                        .debit(ISSUED, 5)
                        .credit(zoe, 5)
                        .build(),
                TransactionRequest.builder(IdempotencyKey.of("b2"), "recharge")
                        .debit(ISSUED, 4)
                        .credit(zoe, 4)
                        .build()));
        assertThat(done.get(0).balanceAfter(ISSUED)).hasValue(-(Long.MAX_VALUE - 5));
        assertThat(done.get(1).balanceAfter(ISSUED)).hasValue(-(Long.MAX_VALUE - 1));
        assertThat(done.get(1).balanceAfter(zoe)).hasValue(9);
        assertThat(store.entries(zoe, PageRequest.oldestFirst(5)).entries())
                .extracting(Entry::sequence)
                .containsExactly(1L, 2L);
        assertThat(store.find(IdempotencyKey.of("b2")).orElseThrow().entries())
                .isEqualTo(done.get(1).entries());
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void manyKindsEachComeBackWithTheirTransactions() {
        // A cash-out's kind names its payout, so a store meets as many kinds as payouts: past one chunk of kinds here.
        store.open(ana);
        int n = 3_000;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = store.apply(TransactionRequest.builder(IdempotencyKey.of("p" + i), "cashout." + i)
                            .debit(ISSUED, 1)
                            .credit(ana, 1)
                            .build())
                    .id();
        }
        for (int i = 0; i < n; i += 97) {
            assertThat(store.find(IdempotencyKey.of("p" + i)).orElseThrow().kind())
                    .isEqualTo("cashout." + i);
            assertThat(store.transactions("cashout." + i, 0, 10))
                    .extracting(AppliedTransaction::id)
                    .containsExactly(ids[i]);
        }
        assertThat(store.entries(ana, PageRequest.newestFirst(1))
                        .entries()
                        .get(0)
                        .kind())
                .isEqualTo("cashout." + (n - 1));
    }

    private TransactionRequest issue(String key, long coins) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "recharge")
                .debit(ISSUED, coins)
                .credit(ana, coins)
                .build();
    }
}
