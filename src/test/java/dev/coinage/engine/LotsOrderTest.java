package dev.coinage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lots are spent oldest credit first, paid before bonus, whatever order the store lists the accounts in. */
class LotsOrderTest {
    private static final UserId ANA = UserId.of("ana");
    private static final AccountId LOTS = AccountId.system(AccountType.LOTS);

    private static void credit(LedgerStore store, AccountId lot, long coins) {
        store.open(lot);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("credit-" + lot), "test")
                .debit(LOTS, coins)
                .credit(lot, coins)
                .build());
    }

    /** The same store, listing each member's accounts in reverse order. */
    private static LedgerStore reversedListing(LedgerStore store) {
        return (LedgerStore) Proxy.newProxyInstance(
                LedgerStore.class.getClassLoader(), new Class<?>[] {LedgerStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(store, args);
                        if (method.getName().equals("memberAccounts")) {
                            @SuppressWarnings("unchecked")
                            List<AccountBalance> page = new ArrayList<>((List<AccountBalance>) result);
                            Collections.reverse(page);
                            return page;
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void lotsAreTakenOldestFirstPaidBeforeBonusWhateverTheListingOrder() {
        LedgerStore store = InMemoryLedgerStore.create();
        AccountId newer = Lots.paid(ANA, 2_000_000_000_000L, "b".repeat(40));
        AccountId older = Lots.paid(ANA, 1_000_000_000_000L, "c".repeat(40));
        AccountId bonus = Lots.bonus(ANA, 500_000_000_000L, "a".repeat(40));
        credit(store, newer, 30);
        credit(store, older, 20);
        credit(store, bonus, 50);

        for (LedgerStore view : List.of(store, reversedListing(store))) {
            List<Lots.Take> takes = Lots.allocate(view, ANA, 60, Map.of(), Set.of());
            assertThat(takes)
                    .containsExactly(new Lots.Take(older, 20), new Lots.Take(newer, 30), new Lots.Take(bonus, 10));
        }
        assertThat(Lots.creditMillis(older)).isEqualTo(1_000_000_000_000L);
    }
}
