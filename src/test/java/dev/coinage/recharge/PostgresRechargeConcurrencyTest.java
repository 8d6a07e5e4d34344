package dev.coinage.recharge;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.EmbeddedPostgresSupport;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import org.junit.jupiter.api.AfterEach;

/** The recharge races again on PostgreSQL: one webhook, one charge, confirm against decline, refunds, from 8 threads. */
class PostgresRechargeConcurrencyTest extends RechargeConcurrencyTest {
    private EmbeddedPostgresSupport.TestDatabase database;

    @Override
    protected LedgerStore newStore() {
        database = EmbeddedPostgresSupport.newDatabase(8);
        return PostgresLedgerStore.create(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
