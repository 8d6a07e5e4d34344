package dev.coinage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.InsufficientDiamondsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.MemberState;
import dev.coinage.spi.UserLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LedgerStore} must have. A store's test class extends this and supplies a fresh, empty
 * store; every store runs these tests unchanged.
 */
public abstract class LedgerStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    protected static final AccountId ISSUED_PAID = AccountId.system(AccountType.COINS_ISSUED_PAID);
    protected static final AccountId ISSUED_BONUS = AccountId.system(AccountType.COINS_ISSUED_BONUS);
    protected static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    protected static final AccountId DIAMONDS_ISSUED = AccountId.system(AccountType.DIAMONDS_ISSUED);
    protected static final AccountId PAID_OUT = AccountId.system(AccountType.DIAMONDS_PAID_OUT);
    protected static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);

    protected final UserId ana = UserId.of("ana");
    protected final UserId bo = UserId.of("bo");
    protected final AccountId anaCoins = AccountId.userCoins(ana);
    protected final AccountId boCoins = AccountId.userCoins(bo);
    protected final AccountId boHold = AccountId.creatorHold(bo, "p1");
    protected final AccountId boDiamonds = AccountId.creatorDiamonds(bo);

    protected LedgerStore store;

    /** Returns a new, empty store whose timestamps come from {@code clock}. */
    protected abstract LedgerStore newStore(Clock clock);

    /**
     * Returns another instance of the store over the same storage as {@code store}, as a second application instance
     * sharing one database would make it; by default {@code store} itself (its storage is its memory).
     */
    protected LedgerStore sameStorage(LedgerStore store) {
        return store;
    }

    /** Releases what {@link #newStore} acquired; by default nothing. */
    protected void closeStore(LedgerStore store) throws Exception {}

    @BeforeEach
    void createStore() {
        store = newStore(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void dropStore() throws Exception {
        closeStore(store);
    }

    private static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    protected static TransactionRequest issue(String key, AccountId to, long coins) {
        return TransactionRequest.builder(key(key), "recharge")
                .debit(ISSUED_PAID, coins)
                .credit(to, coins)
                .build();
    }

    protected static TransactionRequest move(String key, AccountId from, AccountId to, long amount) {
        return TransactionRequest.builder(key(key), "transfer")
                .debit(from, amount)
                .credit(to, amount)
                .build();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private void openAll() {
        store.open(anaCoins);
        store.open(boCoins);
        store.open(boHold);
        store.open(boDiamonds);
    }

    @Test
    void systemAccountsExistFromTheStartWithZeroBalance() {
        for (AccountType type : AccountType.values()) {
            if (!type.isMember()) {
                assertThat(store.exists(AccountId.system(type))).isTrue();
                assertThat(store.balance(AccountId.system(type))).isZero();
            }
        }
    }

    @Test
    void memberAccountsExistOnceOpenedAndOpeningTwiceIsHarmless() {
        assertThat(store.exists(anaCoins)).isFalse();
        store.open(anaCoins);
        store.apply(issue("k1", anaCoins, 70));
        store.open(anaCoins);
        assertThat(store.exists(anaCoins)).isTrue();
        assertThat(store.balance(anaCoins)).isEqualTo(70);
    }

    @Test
    void applyingMovesBalancesAndWritesOneEntryPerPosting() {
        openAll();
        AppliedTransaction t = store.apply(issue("k1", anaCoins, 350));

        assertThat(t.replay()).isFalse();
        assertThat(t.key()).isEqualTo(key("k1"));
        assertThat(t.kind()).isEqualTo("recharge");
        assertThat(t.committedAt()).isEqualTo(T0);
        assertThat(t.entries()).hasSize(2);
        assertThat(t.entry(anaCoins).orElseThrow().amount()).isEqualTo(350);
        assertThat(t.entry(ISSUED_PAID).orElseThrow().amount()).isEqualTo(-350);
        assertThat(store.balance(anaCoins)).isEqualTo(350);
        assertThat(store.balance(ISSUED_PAID)).isEqualTo(-350);

        Entry e = store.entries(anaCoins, PageRequest.oldestFirst(10)).entries().get(0);
        assertThat(e.transactionId()).isEqualTo(t.id());
        assertThat(e.sequence()).isPositive();
        assertThat(e.amount()).isEqualTo(350);
        assertThat(e.kind()).isEqualTo("recharge");
        assertThat(e.committedAt()).isEqualTo(T0);
    }

    @Test
    void theJournalListsTransactionsOfOneKindByIdAPageAtATime() {
        openAll();
        AppliedTransaction first = store.apply(TransactionRequest.builder(key("k1"), "recharge")
                .debit(ISSUED_PAID, 100)
                .credit(anaCoins, 100)
                .attribute("purchase", "p-1")
                .build());
        store.apply(move("k2", anaCoins, CONSUMED, 30));
        AppliedTransaction second = store.apply(issue("k3", boCoins, 50));
        AppliedTransaction third = store.apply(issue("k4", anaCoins, 7));

        List<AppliedTransaction> page = store.transactions("recharge", 0, 2);
        assertThat(page).extracting(AppliedTransaction::id).containsExactly(first.id(), second.id());
        assertThat(page.get(0).key()).isEqualTo(key("k1"));
        assertThat(page.get(0).attributes()).containsEntry("purchase", "p-1");
        assertThat(page.get(0).entry(anaCoins).orElseThrow().amount()).isEqualTo(100);
        assertThat(page.get(0).entries()).hasSize(2);
        assertThat(page.get(0).committedAt()).isEqualTo(T0);
        assertThat(store.transactions("recharge", second.id(), 10))
                .extracting(AppliedTransaction::id)
                .containsExactly(third.id());
        assertThat(store.transactions("transfer", 0, 10)).hasSize(1);
        assertThat(store.transactions("nothing", 0, 10)).isEmpty();
        assertThatThrownBy(() -> store.transactions("recharge", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.transactions("recharge", -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBalanceAfterADebitIsReported() {
        openAll();
        store.apply(issue("k1", anaCoins, 100));
        AppliedTransaction gift = store.apply(move("k2", anaCoins, CONSUMED, 30));
        assertThat(gift.balanceAfter(anaCoins)).hasValue(70);
        assertThat(store.find(IdempotencyKey.of("k2")).orElseThrow().balanceAfter(anaCoins))
                .hasValue(70);
    }

    @Test
    void attributesAreKeptWithTheTransaction() {
        openAll();
        TransactionRequest r = TransactionRequest.builder(key("k1"), "recharge")
                .debit(ISSUED_PAID, 70)
                .credit(anaCoins, 70)
                .attribute("purchase", "psp-1")
                .build();
        store.apply(r);
        assertThat(store.find(key("k1")).orElseThrow().attributes()).containsEntry("purchase", "psp-1");
    }

    @Test
    void debitBeyondTheBalanceFailsWithRequiredAndAvailableAndChangesNothing() {
        openAll();
        store.apply(issue("k1", anaCoins, 100));
        LedgerSnapshot before = store.snapshot();

        assertThatThrownBy(() -> store.apply(move("k2", anaCoins, boCoins, 101)))
                .isInstanceOfSatisfying(InsufficientCoinsException.class, e -> {
                    assertThat(e.account()).isEqualTo(anaCoins);
                    assertThat(e.required()).isEqualTo(101);
                    assertThat(e.available()).isEqualTo(100);
                    assertThat(e.shortfall()).isEqualTo(1);
                });

        assertThat(store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(store.entries(boCoins, PageRequest.oldestFirst(10)).entries())
                .isEmpty();
        assertThat(store.find(key("k2"))).isEmpty();
    }

    @Test
    void diamondShortfallIsReportedInDiamonds() {
        openAll();
        assertThatThrownBy(() -> store.apply(move("k1", boDiamonds, PAID_OUT, 1)))
                .isInstanceOf(InsufficientDiamondsException.class)
                .hasMessageContaining("required 1, available 0");
        assertThatThrownBy(() -> store.apply(move("k2", boHold, AccountId.creatorCarry(bo), 1)))
                .isInstanceOf(UnknownAccountException.class);
        store.open(AccountId.creatorCarry(bo));
        assertThatThrownBy(() -> store.apply(move("k3", boHold, AccountId.creatorCarry(bo), 1)))
                .isInstanceOf(InsufficientBalanceException.class)
                .hasMessageContaining("diamond parts");
    }

    @Test
    void nonZeroAccountsOfATypeArePagedInNameOrder() {
        List<AccountId> holds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AccountId hold = AccountId.creatorHold(UserId.of("c" + (i % 3)), "p" + i);
            store.open(hold);
            holds.add(hold);
            if (i != 4) {
                store.apply(move("h" + i, PARTS_ISSUED, hold, 10 + i));
            }
        }
        // Emptied accounts drop out of the list.
        store.apply(move("drain", holds.get(2), PARTS_ISSUED, 12));
        store.open(anaCoins);
        store.apply(issue("k1", anaCoins, 1));

        List<AccountId> expected = new ArrayList<>(holds);
        expected.remove(4);
        expected.remove(2);
        Collections.sort(expected);
        List<AccountId> firstPage = store.nonZeroAccounts(AccountType.CREATOR_HOLD, null, 3);
        List<AccountId> secondPage = store.nonZeroAccounts(AccountType.CREATOR_HOLD, firstPage.get(2), 3);
        List<AccountId> lastPage = store.nonZeroAccounts(AccountType.CREATOR_HOLD, secondPage.get(1), 3);
        assertThat(firstPage).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(secondPage).containsExactlyElementsOf(expected.subList(3, 5));
        assertThat(lastPage).isEmpty();
        assertThat(store.nonZeroAccounts(AccountType.USER_COINS, null, 10)).containsExactly(anaCoins);
        assertThat(store.nonZeroAccounts(AccountType.COINS_ISSUED_PAID, null, 10))
                .containsExactly(ISSUED_PAID);
        assertThatThrownBy(() -> store.nonZeroAccounts(AccountType.USER_COINS, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final AccountId LOTS = AccountId.system(AccountType.LOTS);
    private static final AccountId ALLOWANCE_GRANTED = AccountId.system(AccountType.ALLOWANCE_GRANTED);

    /** Opens a lot-unit member account and credits it from the lots account (nothing if {@code amount} is 0). */
    private AccountId lot(AccountType type, UserId owner, String reference, long amount) {
        AccountId account =
                reference == null ? AccountId.member(type, owner) : AccountId.member(type, owner, reference);
        store.open(account);
        if (amount != 0) {
            store.apply(move("fund " + account, LOTS, account, amount));
        }
        return account;
    }

    private List<AccountBalance> allMemberAccounts(UserId owner, AccountType type, int limit) {
        List<AccountBalance> all = new ArrayList<>();
        AccountId after = null;
        while (true) {
            List<AccountBalance> page = store.memberAccounts(owner, type, after, limit);
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
            after = page.get(page.size() - 1).account();
        }
    }

    @Test
    void memberAccountsListsOneOwnersNonZeroAccountsOfATypeInTextOrderWithBalances() {
        UserId team = UserId.of("team:ana");
        // References whose code point order ('+' < '-' < '1' < 'Z' < '_' < 'a') differs from a locale collation's.
        AccountId a1 = lot(AccountType.LOT_PAID, ana, "1764063000000.abc", 30);
        AccountId a2 = lot(AccountType.LOT_PAID, ana, "1764062000000.zzz", 10);
        AccountId a3 = lot(AccountType.LOT_PAID, ana, "a.1", 7);
        AccountId a4 = lot(AccountType.LOT_PAID, ana, "Z.9", 5);
        AccountId a5 = lot(AccountType.LOT_PAID, ana, "_x", 4);
        AccountId a6 = lot(AccountType.LOT_PAID, ana, "+p", 3);
        AccountId a7 = lot(AccountType.LOT_PAID, ana, "-m", 2);
        // Zero balances: never credited, and credited then spent exactly.
        AccountId unfunded = lot(AccountType.LOT_PAID, ana, "1764063000001.abd", 0);
        AccountId spent = lot(AccountType.LOT_PAID, ana, "1764063000002.x", 9);
        store.apply(move("spend", spent, LOTS, 9));
        // A negative balance is not zero either.
        AccountId owing = lot(AccountType.LOT_PAID, ana, "1764064000000.neg", 0);
        store.apply(TransactionRequest.builder(key("owe"), "refund")
                .debitIntoDebt(owing, 6)
                .credit(LOTS, 6)
                .build());
        // Other types of the same owner, and the same references of other owners.
        AccountId anaBonus = lot(AccountType.LOT_BONUS, ana, "1764063000000.abc", 11);
        AccountId anaDebt = lot(AccountType.COIN_DEBT, ana, null, 12);
        AccountId boLot = lot(AccountType.LOT_PAID, bo, "1764063000000.abc", 13);
        AccountId teamLot = lot(AccountType.LOT_PAID, team, "1764063000000.abc", 14);
        AccountId teamLot2 = lot(AccountType.LOT_PAID, team, "a.1", 15);
        AccountId teamDebt = lot(AccountType.COIN_DEBT, team, null, 16);
        lot(AccountType.COIN_DEBT, bo, null, 17);
        AccountId anaDay1 = AccountId.member(AccountType.USER_ALLOWANCE, ana, "2026-11-25");
        AccountId anaDay2 = AccountId.member(AccountType.USER_ALLOWANCE, ana, "2026-11-26");
        store.open(anaDay1);
        store.open(anaDay2);
        store.apply(move("grant1", ALLOWANCE_GRANTED, anaDay1, 100));
        store.open(anaCoins);
        store.apply(issue("coins", anaCoins, 50));

        List<AccountBalance> expected = List.of(
                new AccountBalance(a6, 3),
                new AccountBalance(a7, 2),
                new AccountBalance(a2, 10),
                new AccountBalance(a1, 30),
                new AccountBalance(owing, -6),
                new AccountBalance(a4, 5),
                new AccountBalance(a5, 4),
                new AccountBalance(a3, 7));
        for (int i = 1; i < expected.size(); i++) {
            assertThat(expected.get(i - 1).account()).isLessThan(expected.get(i).account());
        }
        assertThat(store.memberAccounts(ana, AccountType.LOT_PAID, null, PageRequest.MAX_SIZE))
                .containsExactlyElementsOf(expected);
        for (AccountBalance listed : expected) {
            assertThat(store.balance(listed.account())).isEqualTo(listed.balance());
        }
        // Paging with after and limit reproduces the whole list, whatever the page size.
        for (int limit = 1; limit <= expected.size() + 1; limit++) {
            assertThat(allMemberAccounts(ana, AccountType.LOT_PAID, limit))
                    .as("limit %d", limit)
                    .containsExactlyElementsOf(expected);
        }
        // After an account that is not listed itself (zero balance): the ones after it in text order.
        assertThat(store.memberAccounts(ana, AccountType.LOT_PAID, unfunded, 2))
                .containsExactly(new AccountBalance(owing, -6), new AccountBalance(a4, 5));
        assertThat(store.memberAccounts(ana, AccountType.LOT_PAID, a3, 10)).isEmpty();
        assertThat(expected).extracting(AccountBalance::account).doesNotContain(unfunded, spent);

        // The other type of the same owner, types without references, and an owner whose id holds a ':'.
        assertThat(store.memberAccounts(ana, AccountType.LOT_BONUS, null, 10))
                .containsExactly(new AccountBalance(anaBonus, 11));
        assertThat(store.memberAccounts(ana, AccountType.COIN_DEBT, null, 10))
                .containsExactly(new AccountBalance(anaDebt, 12));
        assertThat(store.memberAccounts(ana, AccountType.USER_ALLOWANCE, null, 10))
                .containsExactly(new AccountBalance(anaDay1, 100));
        assertThat(store.memberAccounts(ana, AccountType.USER_COINS, null, 10))
                .containsExactly(new AccountBalance(anaCoins, 50));
        assertThat(store.memberAccounts(bo, AccountType.LOT_PAID, null, 10))
                .containsExactly(new AccountBalance(boLot, 13));
        assertThat(store.memberAccounts(team, AccountType.LOT_PAID, null, 10))
                .containsExactly(new AccountBalance(teamLot, 14), new AccountBalance(teamLot2, 15));
        assertThat(store.memberAccounts(team, AccountType.LOT_PAID, teamLot, 10))
                .containsExactly(new AccountBalance(teamLot2, 15));
        assertThat(store.memberAccounts(team, AccountType.COIN_DEBT, null, 10))
                .containsExactly(new AccountBalance(teamDebt, 16));
        assertThat(store.memberAccounts(UserId.of("team"), AccountType.LOT_PAID, null, 10))
                .isEmpty();
        assertThat(store.memberAccounts(UserId.of("nobody"), AccountType.LOT_PAID, null, 10))
                .isEmpty();
        assertThat(store.memberAccounts(bo, AccountType.LOT_BONUS, null, 10)).isEmpty();

        // Several types at once: each type's first page, in the order the types are given.
        List<AccountType> types = List.of(
                AccountType.COIN_DEBT,
                AccountType.LOT_PAID,
                AccountType.USER_ALLOWANCE,
                AccountType.LOT_BONUS,
                AccountType.WALLET_FREEZE);
        for (int limit : new int[] {1, 3, PageRequest.MAX_SIZE}) {
            for (UserId owner : List.of(ana, bo, team, UserId.of("nobody"))) {
                List<AccountBalance> onePerType = new ArrayList<>();
                for (AccountType type : types) {
                    onePerType.addAll(store.memberAccounts(owner, type, null, limit));
                }
                assertThat(store.memberAccounts(owner, types, limit))
                        .as("%s, limit %d", owner, limit)
                        .containsExactlyElementsOf(onePerType);
            }
        }
        assertThat(store.memberAccounts(ana, List.of(AccountType.LOT_BONUS, AccountType.LOT_PAID), 2))
                .containsExactly(
                        new AccountBalance(anaBonus, 11), new AccountBalance(a6, 3), new AccountBalance(a7, 2));

        // With the member's own caps, in one read: the same accounts, and the caps as findAll reads them.
        store.userLimits().set(team, LimitPeriod.DAY, 300);
        store.userLimits().set(team, LimitPeriod.PER_GIFT, 40);
        for (int limit : new int[] {1, 3, PageRequest.MAX_SIZE}) {
            for (UserId owner : List.of(ana, bo, team, UserId.of("nobody"))) {
                MemberState state = store.memberState(owner, types, limit);
                assertThat(state.accounts())
                        .as("%s, limit %d", owner, limit)
                        .containsExactlyElementsOf(store.memberAccounts(owner, types, limit));
                assertThat(state.ownCaps())
                        .as("%s", owner)
                        .isEqualTo(store.userLimits().findAll(owner));
            }
        }
        assertThat(store.memberState(team, List.of(), 1).ownCaps())
                .isEqualTo(Map.of(LimitPeriod.DAY, 300L, LimitPeriod.PER_GIFT, 40L));
        assertThat(store.memberState(team, List.of(AccountType.LOT_PAID), 1).accounts())
                .containsExactly(new AccountBalance(teamLot, 14));
        assertThat(store.memberState(ana, types, 1).ownCaps()).isEmpty();
        assertThatThrownBy(() -> store.memberState(ana, List.of(AccountType.COINS_CONSUMED), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.memberAccounts(ana, List.of(AccountType.COINS_CONSUMED), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.memberAccounts(ana, List.of(AccountType.LOT_PAID), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memberAccountsRefusesAnOutOfRangeLimitASystemTypeAndNulls() {
        AccountId lot = lot(AccountType.LOT_PAID, ana, "1764063000000.abc", 5);
        assertThat(store.memberAccounts(ana, AccountType.LOT_PAID, null, PageRequest.MAX_SIZE))
                .containsExactly(new AccountBalance(lot, 5));
        assertThatThrownBy(() -> store.memberAccounts(ana, AccountType.LOT_PAID, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.memberAccounts(ana, AccountType.LOT_PAID, null, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.memberAccounts(ana, AccountType.LOT_PAID, null, PageRequest.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.memberAccounts(ana, AccountType.LOTS, null, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.memberAccounts(ana, AccountType.COINS_ISSUED_PAID, null, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.memberAccounts(null, AccountType.LOT_PAID, null, 10))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.memberAccounts(ana, null, null, 10)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anAccountMayBeEmptiedExactly() {
        openAll();
        store.apply(issue("k1", anaCoins, 100));
        store.apply(move("k2", anaCoins, boCoins, 100));
        assertThat(store.balance(anaCoins)).isZero();
        assertThat(store.balance(boCoins)).isEqualTo(100);
    }

    @Test
    void onlyADebitIntoDebtMayLeaveAMemberAccountNegative() {
        openAll();
        store.apply(issue("k1", anaCoins, 100));
        store.apply(move("k2", anaCoins, CONSUMED, 80));
        // The purchase is refunded after 80 of its 100 coins were spent: the wallet owes 80.
        store.apply(TransactionRequest.builder(key("refund"), "refund")
                .debitIntoDebt(anaCoins, 100)
                .credit(ISSUED_PAID, 100)
                .build());
        assertThat(store.balance(anaCoins)).isEqualTo(-80);
        // An ordinary debit from a wallet in debt is refused.
        assertThatThrownBy(() -> store.apply(move("k3", anaCoins, CONSUMED, 1)))
                .isInstanceOfSatisfying(InsufficientCoinsException.class, e -> assertThat(e.available())
                        .isEqualTo(-80));
        // A credit pays the debt back.
        store.apply(issue("k4", anaCoins, 100));
        assertThat(store.balance(anaCoins)).isEqualTo(20);
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void systemAccountsTakeAnySign() {
        openAll();
        store.apply(issue("k1", anaCoins, 10));
        assertThat(store.balance(ISSUED_PAID)).isEqualTo(-10);
        store.apply(move("k2", ISSUED_BONUS, CONSUMED, 5));
        assertThat(store.balance(ISSUED_BONUS)).isEqualTo(-5);
        assertThat(store.balance(CONSUMED)).isEqualTo(5);
    }

    @Test
    void anUnknownAccountFailsChangesNothingAndLeavesTheKeyFree() {
        store.open(anaCoins);
        assertThatThrownBy(() -> store.apply(issue("k1", boCoins, 10)))
                .isInstanceOfSatisfying(UnknownAccountException.class, e -> assertThat(e.account())
                        .isEqualTo(boCoins));
        assertThat(store.balance(ISSUED_PAID)).isZero();
        assertThat(store.find(key("k1"))).isEmpty();

        store.open(boCoins);
        assertThat(store.apply(issue("k1", boCoins, 10)).replay()).isFalse();
        assertThat(store.balance(boCoins)).isEqualTo(10);
    }

    @Test
    void readingAnUnknownAccountFails() {
        assertThatThrownBy(() -> store.balance(anaCoins)).isInstanceOf(UnknownAccountException.class);
        assertThatThrownBy(() -> store.entries(anaCoins, PageRequest.oldestFirst(1)))
                .isInstanceOf(UnknownAccountException.class);
    }

    @Test
    void theSameKeyWithTheSameRequestReturnsTheFirstResultAndChangesNothing() {
        openAll();
        AppliedTransaction first = store.apply(issue("psp-1", anaCoins, 70));
        for (int retry = 0; retry < 12; retry++) {
            AppliedTransaction again = store.apply(issue("psp-1", anaCoins, 70));
            assertThat(again.replay()).isTrue();
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.entries()).isEqualTo(first.entries());
        }
        assertThat(store.balance(anaCoins)).isEqualTo(70);
        assertThat(store.entries(anaCoins, PageRequest.oldestFirst(100)).entries())
                .hasSize(1);
    }

    @Test
    void theSameKeyWithADifferentRequestIsRefused() {
        openAll();
        store.apply(issue("psp-1", anaCoins, 70));
        assertThatThrownBy(() -> store.apply(issue("psp-1", anaCoins, 700)))
                .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> assertThat(e.key())
                        .isEqualTo(key("psp-1")));
        assertThatThrownBy(() -> store.apply(issue("psp-1", boCoins, 70)))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(store.balance(anaCoins)).isEqualTo(70);
        assertThat(store.balance(boCoins)).isZero();
    }

    @Test
    void aFailedRequestDoesNotUseUpItsKey() {
        openAll();
        assertThatThrownBy(() -> store.apply(move("gift-1", anaCoins, boCoins, 50)))
                .isInstanceOf(InsufficientCoinsException.class);
        store.apply(issue("k1", anaCoins, 50));
        assertThat(store.apply(move("gift-1", anaCoins, boCoins, 50)).replay()).isFalse();
        assertThat(store.balance(boCoins)).isEqualTo(50);
    }

    @Test
    void findReturnsTheTransactionAppliedUnderAKey() {
        openAll();
        assertThat(store.find(key("k1"))).isEmpty();
        AppliedTransaction t = store.apply(issue("k1", anaCoins, 5));
        AppliedTransaction found = store.find(key("k1")).orElseThrow();
        assertThat(found.id()).isEqualTo(t.id());
        assertThat(found.fingerprint()).isEqualTo(t.fingerprint());
        assertThat(found.entries()).isEqualTo(t.entries());
    }

    @Test
    void aBalanceThatWouldOverflowIsRefusedAndNothingChanges() {
        openAll();
        store.apply(issue("k1", anaCoins, Long.MAX_VALUE));
        // ISSUED_PAID is at -MAX: one more coin would still fit (-MAX - 1 == MIN), two do not.
        assertThatThrownBy(() -> store.apply(issue("k2", boCoins, 2)))
                .isInstanceOfSatisfying(BalanceOverflowException.class, e -> {
                    assertThat(e.account()).isEqualTo(ISSUED_PAID);
                    assertThat(e.balance()).isEqualTo(-Long.MAX_VALUE);
                    assertThat(e.amount()).isEqualTo(-2);
                });
        // A member balance at MAX cannot take one more coin.
        assertThatThrownBy(() -> store.apply(move("k3", ISSUED_BONUS, anaCoins, 1)))
                .isInstanceOfSatisfying(BalanceOverflowException.class, e -> assertThat(e.account())
                        .isEqualTo(anaCoins));
        assertThat(store.balance(boCoins)).isZero();
        assertThat(store.balance(ISSUED_BONUS)).isZero();
        assertThat(store.balance(anaCoins)).isEqualTo(Long.MAX_VALUE);
        assertThat(store.find(key("k2"))).isEmpty();
        assertThat(store.find(key("k3"))).isEmpty();
    }

    @Test
    void entriesPageOldestFirstAndNewestFirstWithoutGapsOrOverlaps() {
        openAll();
        store.apply(issue("k0", anaCoins, 1000));
        for (int i = 1; i <= 24; i++) {
            store.apply(move("k" + i, anaCoins, boCoins, i));
        }
        List<Entry> oldest = LedgerInvariants.allEntries(store, anaCoins, PageRequest.oldestFirst(7));
        List<Entry> newest = LedgerInvariants.allEntries(store, anaCoins, PageRequest.newestFirst(5));
        assertThat(oldest).hasSize(25);
        assertThat(oldest).extracting(Entry::sequence).isSorted().doesNotHaveDuplicates();
        List<Entry> reversed = new ArrayList<>(newest);
        Collections.reverse(reversed);
        assertThat(reversed).isEqualTo(oldest);
        assertThat(oldest).extracting(Entry::amount).startsWith(1000L, -1L, -2L).endsWith(-24L);

        Page first = store.entries(anaCoins, PageRequest.newestFirst(3));
        assertThat(first.entries()).containsExactlyElementsOf(reversed(oldest.subList(22, 25)));
        Page second = store.entries(anaCoins, first.next().orElseThrow());
        assertThat(second.entries()).containsExactlyElementsOf(reversed(oldest.subList(19, 22)));
    }

    @Test
    void newEntriesDoNotShiftPagesAlreadyRequested() {
        openAll();
        store.apply(issue("k0", anaCoins, 100));
        store.apply(move("k1", anaCoins, boCoins, 1));
        Page first = store.entries(anaCoins, PageRequest.newestFirst(1));
        store.apply(move("k2", anaCoins, boCoins, 2));
        Page second = store.entries(anaCoins, first.next().orElseThrow());
        assertThat(second.entries()).extracting(Entry::amount).containsExactly(100L);
    }

    @Test
    void aBatchIsAppliedWhollyInOrderWithRunningBalances() {
        openAll();
        List<AppliedTransaction> results = store.applyAll(List.of(
                issue("k1", anaCoins, 100), move("k2", anaCoins, boCoins, 60), move("k3", anaCoins, boCoins, 40)));
        assertThat(results).extracting(AppliedTransaction::replay).containsExactly(false, false, false);
        assertThat(results.get(1).balanceAfter(anaCoins)).hasValue(40);
        assertThat(results.get(2).balanceAfter(anaCoins)).hasValue(0);
        assertThat(store.balance(anaCoins)).isZero();
        assertThat(store.balance(boCoins)).isEqualTo(100);
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void aBatchWithOneFailingRequestWritesNothing() {
        openAll();
        store.apply(issue("k0", anaCoins, 100));
        LedgerSnapshot before = store.snapshot();
        assertThatThrownBy(() ->
                        store.applyAll(List.of(move("k1", anaCoins, boCoins, 60), move("k2", anaCoins, boCoins, 60))))
                .isInstanceOfSatisfying(InsufficientCoinsException.class, e -> {
                    assertThat(e.required()).isEqualTo(60);
                    assertThat(e.available()).isEqualTo(40);
                });
        assertThat(store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(store.find(key("k1"))).isEmpty();
        assertThat(store.find(key("k2"))).isEmpty();
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void aBatchReplaysKeysAppliedBefore() {
        openAll();
        AppliedTransaction first = store.apply(issue("k1", anaCoins, 100));
        List<AppliedTransaction> results =
                store.applyAll(List.of(issue("k1", anaCoins, 100), move("k2", anaCoins, boCoins, 30)));
        assertThat(results.get(0).replay()).isTrue();
        assertThat(results.get(0).id()).isEqualTo(first.id());
        assertThat(results.get(1).replay()).isFalse();
        assertThat(store.balance(anaCoins)).isEqualTo(70);
    }

    @Test
    void aBatchWithAConflictingKeyWritesNothing() {
        openAll();
        store.apply(issue("k1", anaCoins, 100));
        assertThatThrownBy(() -> store.applyAll(List.of(issue("k2", boCoins, 5), issue("k1", anaCoins, 99))))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(store.balance(boCoins)).isZero();
        assertThat(store.find(key("k2"))).isEmpty();
    }

    @Test
    void aBatchMustNotBeEmptyOrRepeatAKey() {
        openAll();
        assertThatThrownBy(() -> store.applyAll(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.applyAll(List.of(issue("k1", anaCoins, 1), issue("k1", anaCoins, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k1");
        assertThat(store.balance(anaCoins)).isZero();
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> store.apply(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.applyAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.open(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.balance(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.find(null)).isInstanceOf(NullPointerException.class);
        store.open(anaCoins);
        assertThatThrownBy(() -> store.entries(anaCoins, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theSameRequestFromManyThreadsAtOnceIsAppliedOnce() throws Exception {
        openAll();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                TransactionRequest webhook = issue("psp-" + round, anaCoins, 70);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<AppliedTransaction>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return store.apply(webhook);
                    }));
                }
                start.countDown();
                Set<Long> ids = new HashSet<>();
                int fresh = 0;
                for (Future<AppliedTransaction> f : futures) {
                    AppliedTransaction t = f.get(30, TimeUnit.SECONDS);
                    ids.add(t.id());
                    fresh += t.replay() ? 0 : 1;
                }
                assertThat(ids).hasSize(1);
                assertThat(fresh).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.balance(anaCoins)).isEqualTo(20 * 70);
        LedgerInvariants.check(store, Set.of());
    }

    /** Transfers per thread in {@link #concurrentTransfersKeepEveryInvariant}; stores may lower it if slow. */
    protected int concurrentTransfersPerThread() {
        return 2000;
    }

    @Test
    void concurrentTransfersKeepEveryInvariant() throws Exception {
        int users = 6;
        int threads = 4;
        List<AccountId> wallets = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            AccountId w = AccountId.userCoins(UserId.of("u" + u));
            store.open(w);
            store.apply(issue("seed-" + u, w, 500));
            wallets.add(w);
        }
        AtomicLong refused = new AtomicLong();
        List<AppliedTransaction> applied = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                SplittableRandom random = new SplittableRandom(thread);
                for (int i = 0; i < concurrentTransfersPerThread(); i++) {
                    AccountId from = wallets.get(random.nextInt(users));
                    AccountId to = wallets.get(random.nextInt(users));
                    String k = "t" + thread + "-" + i;
                    try {
                        if (from.equals(to)) {
                            applied.add(store.apply(move(k, from, CONSUMED, 1 + random.nextInt(40))));
                        } else {
                            applied.add(store.apply(move(k, from, to, 1 + random.nextInt(120))));
                        }
                    } catch (InsufficientCoinsException e) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(applied).isNotEmpty();
        assertThat(refused.get()).isPositive();
        LedgerSnapshot end = LedgerInvariants.check(store, Set.of());

        // Sequential recount: the seed of 500 per wallet plus every applied transaction's entries, one by one.
        java.util.Map<AccountId, Long> recount = new java.util.HashMap<>();
        wallets.forEach(w -> recount.put(w, 500L));
        for (AppliedTransaction t : applied) {
            for (Entry e : t.entries()) {
                recount.merge(e.account(), e.amount(), Math::addExact);
            }
        }
        for (AccountId w : wallets) {
            assertThat(end.balance(w)).as("balance of %s", w).isEqualTo(recount.get(w));
        }
        assertThat(end.balance(CONSUMED)).isEqualTo(recount.getOrDefault(CONSUMED, 0L));
        assertThat(applied).extracting(AppliedTransaction::id).doesNotHaveDuplicates();
    }

    @Test
    void userLimitsKeepTheLastCapPerMemberAndPeriod() {
        UserLimits caps = store.userLimits();
        assertThat(caps.find(ana, LimitPeriod.DAY)).isEmpty();
        caps.set(ana, LimitPeriod.DAY, 500);
        caps.set(ana, LimitPeriod.WEEK, 0);
        caps.set(bo, LimitPeriod.DAY, 7);
        caps.set(ana, LimitPeriod.DAY, 300);
        assertThat(caps.find(ana, LimitPeriod.DAY)).hasValue(300);
        assertThat(caps.find(ana, LimitPeriod.WEEK)).hasValue(0);
        assertThat(caps.find(ana, LimitPeriod.MONTH)).isEmpty();
        assertThat(caps.find(bo, LimitPeriod.DAY)).hasValue(7);
        assertThat(store.userLimits().find(ana, LimitPeriod.DAY))
                .as("every call returns the same caps")
                .hasValue(300);

        assertThatThrownBy(() -> caps.set(ana, LimitPeriod.DAY, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(caps.find(ana, LimitPeriod.DAY)).hasValue(300);
        assertThatThrownBy(() -> caps.set(null, LimitPeriod.DAY, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> caps.find(ana, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void allOfAMembersCapsAreReadAtOnce() {
        UserLimits caps = store.userLimits();
        assertThat(caps.findAll(ana)).isEmpty();
        caps.set(ana, LimitPeriod.DAY, 500);
        caps.set(ana, LimitPeriod.MONTH, 0);
        caps.set(ana, LimitPeriod.PER_GIFT, 40);
        caps.set(bo, LimitPeriod.WEEK, 7);
        caps.set(ana, LimitPeriod.DAY, 300);
        assertThat(caps.findAll(ana))
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of(LimitPeriod.DAY, 300L, LimitPeriod.MONTH, 0L, LimitPeriod.PER_GIFT, 40L));
        assertThat(caps.findAll(bo)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(LimitPeriod.WEEK, 7L));
        for (LimitPeriod period : LimitPeriod.values()) {
            assertThat(caps.findAll(ana).get(period))
                    .as("findAll agrees with find for " + period)
                    .isEqualTo(
                            caps.find(ana, period).isPresent()
                                    ? caps.find(ana, period).getAsLong()
                                    : null);
        }
        assertThatThrownBy(() -> caps.findAll(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCapSetThroughOneStoreInstanceIsSeenThroughAnotherOverTheSameStorage() {
        LedgerStore other = sameStorage(store);
        store.userLimits().set(ana, LimitPeriod.WEEK, 1200);
        assertThat(other.userLimits().find(ana, LimitPeriod.WEEK)).hasValue(1200);
        other.userLimits().set(ana, LimitPeriod.WEEK, 800);
        assertThat(store.userLimits().find(ana, LimitPeriod.WEEK)).hasValue(800);
    }
}
