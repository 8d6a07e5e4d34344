package dev.coinage.recharge;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.jdbc.PostgresStores;

/** The webhook delivery properties again, each generated case on a fresh PostgreSQL database. */
class PostgresWebhookDeliveryProperties extends WebhookDeliveryProperties {
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
        return 10;
    }
}
