package dev.coinage.recharge;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.EmbeddedPostgresSupport;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import java.util.IdentityHashMap;
import java.util.Map;

/** The recharge properties again, each generated case on a fresh PostgreSQL database. */
class PostgresRechargeProperties extends RechargeProperties {
    private final Map<LedgerStore, EmbeddedPostgresSupport.TestDatabase> databases = new IdentityHashMap<>();

    @Override
    protected LedgerStore newStore() {
        EmbeddedPostgresSupport.TestDatabase database = EmbeddedPostgresSupport.newDatabase(2);
        LedgerStore store = PostgresLedgerStore.create(database.dataSource());
        databases.put(store, database);
        return store;
    }

    @Override
    protected void release(LedgerStore store) {
        databases.remove(store).close();
    }

    @Override
    protected int examples() {
        return 10;
    }
}
