package dev.coinage.store.jdbc;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.LedgerStoreContract;
import java.time.Clock;

/** The store contract on a real PostgreSQL, with group commit: concurrent calls share database transactions. */
class PostgresGroupCommitStoreTest extends LedgerStoreContract {
    private EmbeddedPostgresSupport.TestDatabase database;

    @Override
    protected LedgerStore newStore(Clock clock) {
        database = EmbeddedPostgresSupport.newDatabase();
        return PostgresLedgerStore.builder(database.dataSource())
                .clock(clock)
                .groupCommit(16)
                .build();
    }

    @Override
    protected LedgerStore sameStorage(LedgerStore store) {
        return PostgresLedgerStore.builder(database.dataSource())
                .groupCommit(16)
                .build();
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
