package dev.coinage.gift;

import dev.coinage.store.jdbc.EmbeddedPostgresSupport;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import org.junit.jupiter.api.AfterEach;

/** Many senders to one creator and a sender at its cap, from eight threads, on PostgreSQL. */
class PostgresGiftingConcurrencyTest extends GiftingConcurrencyTest {
    private EmbeddedPostgresSupport.TestDatabase database;

    @Override
    protected GiftingFixture fixture() {
        database = EmbeddedPostgresSupport.newDatabase(8);
        return new GiftingFixture(
                dev.coinage.pricing.ExampleEconomy.definition(),
                null,
                PostgresLedgerStore.create(database.dataSource()));
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
