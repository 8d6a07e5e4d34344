package dev.coinage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.LedgerUnit;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.spi.LedgerStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ledger invariants of DESIGN.md, checked against any store. */
public final class LedgerInvariants {
    private LedgerInvariants() {}

    /**
     * Checks every invariant and returns the snapshot it checked.
     *
     * @param store the store
     * @param mayBeInDebt member accounts allowed to be negative (they went through the refund-debt path)
     */
    public static LedgerSnapshot check(LedgerStore store, Set<AccountId> mayBeInDebt) {
        LedgerSnapshot snapshot = store.snapshot();
        for (LedgerUnit unit : LedgerUnit.values()) {
            assertThat(snapshot.total(unit)).as("sum of all %s", unit.plural()).isZero();
        }
        for (Map.Entry<AccountId, Long> b : snapshot.balances().entrySet()) {
            AccountId account = b.getKey();
            if (account.type().isMember() && !mayBeInDebt.contains(account)) {
                assertThat(b.getValue()).as("balance of %s", account).isNotNegative();
            }
            assertThat(foldOfEntries(store, account))
                    .as("fold of entries of %s", account)
                    .isEqualTo(b.getValue());
        }
        return snapshot;
    }

    /**
     * Checks the lot sub-ledger of a ledger whose wallets were all credited with lots (through Recharges or
     * {@link TestFunds}): every member's wallet equals their unspent lots less their debt, and no lot, link or debt is
     * negative.
     *
     * @param store the store
     */
    public static void checkLots(LedgerStore store) {
        LedgerSnapshot snapshot = store.snapshot();
        Map<UserId, Long> expected = new HashMap<>();
        for (Map.Entry<AccountId, Long> b : snapshot.balances().entrySet()) {
            AccountId a = b.getKey();
            switch (a.type()) {
                case LOT_PAID:
                case LOT_BONUS:
                    expected.merge(a.owner().orElseThrow(), b.getValue(), Long::sum);
                    assertThat(b.getValue()).as("lot %s", a).isNotNegative();
                    break;
                case COIN_DEBT:
                    expected.merge(a.owner().orElseThrow(), -b.getValue(), Long::sum);
                    assertThat(b.getValue()).as("debt %s", a).isNotNegative();
                    break;
                case LOT_GIFTED:
                case LOT_HELD:
                    assertThat(b.getValue()).as("link %s", a).isNotNegative();
                    break;
                default:
                    break;
            }
        }
        for (Map.Entry<AccountId, Long> b : snapshot.balances().entrySet()) {
            AccountId a = b.getKey();
            if (a.type() == AccountType.USER_COINS) {
                assertThat(b.getValue())
                        .as("wallet %s = its unspent lots - its debt", a)
                        .isEqualTo(expected.getOrDefault(a.owner().orElseThrow(), 0L));
            }
        }
    }

    /** Sums an account's entries, checking that their sequences increase. */
    public static long foldOfEntries(LedgerStore store, AccountId account) {
        long sum = 0;
        long lastSequence = 0;
        Optional<PageRequest> next = Optional.of(PageRequest.oldestFirst(257));
        while (next.isPresent()) {
            Page page = store.entries(account, next.get());
            for (Entry e : page.entries()) {
                assertThat(e.account()).isEqualTo(account);
                assertThat(e.sequence()).as("sequence in %s", account).isGreaterThan(lastSequence);
                lastSequence = e.sequence();
                sum = Math.addExact(sum, e.amount());
            }
            next = page.next();
        }
        return sum;
    }

    /** Reads all entries of an account in the given order. */
    public static List<Entry> allEntries(LedgerStore store, AccountId account, PageRequest first) {
        List<Entry> all = new ArrayList<>();
        Optional<PageRequest> next = Optional.of(first);
        while (next.isPresent()) {
            Page page = store.entries(account, next.get());
            all.addAll(page.entries());
            next = page.next();
        }
        return all;
    }
}
