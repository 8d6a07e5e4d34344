package dev.coinage.store.jdbc;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.OutboxContract;
import java.time.Clock;

/** The outbox contract on PostgreSQL, one fresh database per test. */
class PostgresOutboxTest extends OutboxContract {
    private EmbeddedPostgresSupport.TestDatabase database;

    @Override
    protected LedgerStore newStore(Clock clock) {
        database = EmbeddedPostgresSupport.newDatabase();
        return PostgresLedgerStore.create(database.dataSource(), clock);
    }

    @Override
    protected void release() {
        database.close();
    }
}
