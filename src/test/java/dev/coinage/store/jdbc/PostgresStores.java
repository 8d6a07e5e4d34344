package dev.coinage.store.jdbc;

import dev.coinage.spi.LedgerStore;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Fresh PostgreSQL stores for tests that need one per generated case: each on its own database, dropped again by
 * {@link #close}.
 */
public final class PostgresStores {
    private final Map<LedgerStore, EmbeddedPostgresSupport.TestDatabase> databases = new IdentityHashMap<>();

    /** Opens a store on a new database. */
    public synchronized LedgerStore open() {
        return open(java.time.Clock.systemUTC());
    }

    /** Opens a store on a new database whose transactions are stamped by the given clock. */
    public synchronized LedgerStore open(java.time.Clock clock) {
        EmbeddedPostgresSupport.TestDatabase database = EmbeddedPostgresSupport.newDatabase(2);
        LedgerStore store = PostgresLedgerStore.create(database.dataSource(), clock);
        databases.put(store, database);
        return store;
    }

    /** Drops the database of a store from {@link #open}. */
    public synchronized void close(LedgerStore store) {
        databases.remove(store).close();
    }
}
