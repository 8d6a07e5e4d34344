package dev.coinage;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresStores;
import java.time.Clock;

/** The released-parts worked examples again, each on a fresh PostgreSQL database. */
class PostgresReleasedPartsTest extends ReleasedPartsTest {
    private final PostgresStores stores = new PostgresStores();

    @Override
    protected LedgerStore newStore(Clock clock) {
        return stores.open(clock);
    }

    @Override
    protected void release(LedgerStore used) {
        stores.close(used);
    }
}
