package dev.coinage.earnings;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresStores;
import java.time.Clock;

/** The net-revenue properties again, each generated case on a fresh PostgreSQL database. */
class PostgresNetRevenueShareProperties extends NetRevenueShareProperties {
    private final PostgresStores stores = new PostgresStores();

    @Override
    LedgerStore newStore(Clock clock) {
        return stores.open(clock);
    }

    @Override
    void release(LedgerStore store) {
        stores.close(store);
    }

    @Override
    int examples() {
        return 8;
    }
}
