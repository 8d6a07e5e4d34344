package dev.coinage.earnings;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresStores;
import java.time.Clock;

/** The net-revenue worked examples again, on a fresh PostgreSQL database each. */
class PostgresNetRevenueShareTest extends NetRevenueShareTest {
    private static final PostgresStores STORES = new PostgresStores();

    @Override
    LedgerStore newStore(Clock c) {
        return STORES.open(c);
    }

    @Override
    void release(LedgerStore s) {
        STORES.close(s);
    }
}
