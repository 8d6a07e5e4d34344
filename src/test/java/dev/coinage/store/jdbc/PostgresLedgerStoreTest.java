package dev.coinage.store.jdbc;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.LedgerStoreContract;
import java.time.Clock;

/** The store contract on a real PostgreSQL. */
class PostgresLedgerStoreTest extends LedgerStoreContract {
    private EmbeddedPostgresSupport.TestDatabase database;

    @Override
    protected LedgerStore newStore(Clock clock) {
        database = EmbeddedPostgresSupport.newDatabase();
        return PostgresLedgerStore.create(database.dataSource(), clock);
    }

    @Override
    protected LedgerStore sameStorage(LedgerStore store) {
        return PostgresLedgerStore.create(database.dataSource());
    }

    @Override
    protected void closeStore(LedgerStore store) {
        database.close();
    }

    @Override
    protected int concurrentTransfersPerThread() {
        return 500;
    }
}
