package dev.coinage.gift;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresStores;

/** The gifting properties again, each generated case on a fresh PostgreSQL database. */
class PostgresGiftingProperties extends GiftingProperties {
    private final PostgresStores stores = new PostgresStores();

    @Override
    protected LedgerStore newStore() {
        return stores.open();
    }

    @Override
    protected void release(LedgerStore store) {
        stores.close(store);
    }

    @Override
    protected int examples() {
        return 12;
    }
}
