package dev.coinage.gift;

import dev.coinage.engine.CreatorAccounts;
import dev.coinage.ledger.AccountId;
import dev.coinage.spi.LedgerStore;
import java.util.Map;

/**
 * Opens the accounts a prepared gift posts to and grants the allowances it debits: the writes allowed before the gift
 * itself (harmless: a grant that precedes a refused gift changes no balance a member sees). Remembers what it did, so
 * that the next gift from the same lot, to the same creator, in the same span costs no store call.
 *
 * <p>This class is thread-safe.
 */
final class GiftAccounts {
    private final LedgerStore store;
    private final CreatorAccounts creators;
    private final Allowances allowances;
    private final Velocity velocity;
    // Lot-to-gift link accounts known to be open.
    private final KnownSet<AccountId> linksOpen = new KnownSet<>();

    GiftAccounts(LedgerStore store, CreatorAccounts creators, Allowances allowances, Velocity velocity) {
        this.store = store;
        this.creators = creators;
        this.allowances = allowances;
        this.velocity = velocity;
    }

    void prepare(PreparedGift p) {
        store.open(p.wallet());
        store.open(p.hold());
        for (AccountId link : p.links()) {
            if (!linksOpen.contains(link)) {
                store.open(link);
                linksOpen.add(link);
            }
        }
        creators.prepare(p.request().creator());
        for (Map.Entry<AccountId, Cap> e : p.caps().entrySet()) {
            allowances.grant(e.getKey(), e.getValue());
        }
        for (Map.Entry<AccountId, Velocity.Limit> e : p.velocity().entrySet()) {
            velocity.grant(e.getKey(), e.getValue());
        }
        if (p.flow() != null && !linksOpen.contains(p.flow())) {
            store.open(p.flow());
            linksOpen.add(p.flow());
        }
    }
}
