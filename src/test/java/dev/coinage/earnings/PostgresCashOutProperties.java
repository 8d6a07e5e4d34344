package dev.coinage.earnings;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresStores;
import java.time.Clock;

/** The cash-out properties again, each generated case on a fresh PostgreSQL database (few cases, to stay fast). */
class PostgresCashOutProperties extends CashOutProperties {
    private final PostgresStores stores = new PostgresStores();

    @Override
    protected LedgerStore newStore(Clock clock) {
        return stores.open(clock);
    }

    @Override
    protected void release(LedgerStore store) {
        stores.close(store);
    }

    @Override
    protected int examples() {
        return 5;
    }

    @Override
    protected int maxSteps() {
        return 30;
    }
}
