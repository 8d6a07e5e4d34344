package dev.coinage.store.jdbc;

import static org.quicktheories.QuickTheory.qt;

import dev.coinage.store.LedgerModelCheck;
import org.junit.jupiter.api.Test;

/**
 * The same generated operation sequences as the in-memory store's properties ({@link LedgerModelCheck}: recharges,
 * gifts into hold periods, releases minting whole diamonds through the carry, cash-outs, refunds into debt, retries,
 * reused keys, batches), each on a fresh PostgreSQL database, checked after every step.
 */
class PostgresModelCheckProperties {
    @Test
    void everyGeneratedSequenceKeepsTheInvariantsAndAgreesWithTheModel() {
        qt().withExamples(15).forAll(LedgerModelCheck.sequences(1, 30)).checkAssert(ops -> {
            try (EmbeddedPostgresSupport.TestDatabase database = EmbeddedPostgresSupport.newDatabase(2)) {
                LedgerModelCheck.run(PostgresLedgerStore.create(database.dataSource()), ops);
            }
        });
    }
}
