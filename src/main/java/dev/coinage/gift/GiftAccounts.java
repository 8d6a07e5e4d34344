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
    // Lot-to-gift link and flow accounts known to be open.
    private final KnownSet<AccountId> linksOpen = new KnownSet<>();
    // Wallets and hold accounts known to be open.
    private final KnownSet<AccountId> open = new KnownSet<>();

    GiftAccounts(LedgerStore store, CreatorAccounts creators, Allowances allowances, Velocity velocity) {
        this.store = store;
        this.creators = creators;
        this.allowances = allowances;
        this.velocity = velocity;
    }

    /**
     * Whether {@link #prepare} may write for this gift: an account not known to be open, a creator, an allowance or a
     * velocity limit not known to be granted. A gift that will not write before itself need not look for an earlier
     * gift with its key first: the store's claim of the key finds it.
     */
    boolean writesBefore(PreparedGift p) {
        if (!open.contains(p.wallet())
                || !open.contains(p.hold())
                || !creators.isPrepared(p.request().creator())) {
            return true;
        }
        for (AccountId link : p.links()) {
            if (!linksOpen.contains(link)) {
                return true;
            }
        }
        if (!p.caps().isEmpty()) {
            for (AccountId allowance : p.caps().keySet()) {
                if (!allowances.isGranted(allowance)) {
                    return true;
                }
            }
        }
        if (!p.velocity().isEmpty()) {
            for (AccountId allowance : p.velocity().keySet()) {
                if (!velocity.isGranted(allowance)) {
                    return true;
                }
            }
        }
        return p.flow() != null && !linksOpen.contains(p.flow());
    }

    void prepare(PreparedGift p) {
        if (!open.contains(p.wallet())) {
            store.open(p.wallet());
            open.add(p.wallet());
        }
        if (!open.contains(p.hold())) {
            store.open(p.hold());
            open.add(p.hold());
        }
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
