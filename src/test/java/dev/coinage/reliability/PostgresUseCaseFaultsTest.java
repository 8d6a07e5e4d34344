package dev.coinage.reliability;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresStores;
import java.util.EnumSet;

/**
 * {@link UseCaseFaultsTest} on PostgreSQL: each run on a fresh database of the test server. A database per run makes
 * this slow, so {@code verify} tries three operations (a gift, a webhook confirming a payment, a cash-out request) at
 * every write point; {@code -Dcoinage.soak=true} tries all of them.
 */
class PostgresUseCaseFaultsTest extends UseCaseFaultsTest {
    private final PostgresStores stores = new PostgresStores();

    @Override
    boolean tries(Operation op) {
        return Boolean.getBoolean("coinage.soak")
                || EnumSet.of(Operation.GIFT_SEND, Operation.RECHARGE_CONFIRM, Operation.CASHOUT_REQUEST)
                        .contains(op);
    }

    @Override
    LedgerStore newStore() {
        return stores.open();
    }

    @Override
    void close(LedgerStore store) {
        stores.close(store);
    }
}
