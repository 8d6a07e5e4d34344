package dev.coinage.gift;

import dev.coinage.core.UserId;
import dev.coinage.engine.AbuseAccounts;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.PageRequest;
import dev.coinage.spi.LedgerStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the coin lots a gift consumes: the sender's paid lots oldest first, then their bonus lots. The store's guard
 * on each lot decides atomically; picking them before the gift spares a refused gift the preparatory writes.
 *
 * <p>This class is thread-safe.
 */
final class LotPicker {
    private static final AccountType[] LOT_TYPES = {AccountType.LOT_PAID, AccountType.LOT_BONUS};
    private static final long NOT_HELD = Long.MIN_VALUE;

    private final LedgerStore store;
    private final boolean holds;
    // When each lot's hold ends (NOT_HELD if its purchase was never held): a fact written with the lot, never changed.
    private final Map<AccountId, Long> holdEnds = new ConcurrentHashMap<>();

    LotPicker(LedgerStore store, boolean holds) {
        this.store = store;
        this.holds = holds;
    }

    /**
     * Picks the sender's lots for a gift of {@code coins}, after what earlier gifts of the same batch took
     * ({@code batchTaken}, updated; null for a single gift), from the sender's accounts listed before ({@code listed},
     * see {@link Lots#allocate(dev.coinage.spi.LedgerStore, UserId, long, Map, Set, List)}; null to read them). A wallet's coins all come with lots (they enter through
     * {@link dev.coinage.recharge.Recharges}); if the lots seem short while the wallet is not, a credit may be in the
     * middle of being applied, so they are read once more.
     *
     * @throws InsufficientBalanceException (an {@link dev.coinage.ledger.InsufficientCoinsException}) if the wallet
     *     has fewer coins than the gift costs
     * @throws CoinsOnHoldException if the wallet has the coins but some are of a held first purchase
     * @throws IllegalStateException if the wallet holds coins that have no lot
     */
    List<Lots.Take> take(
            UserId sender, long coins, Map<AccountId, Long> batchTaken, Instant at, List<AccountBalance> listed) {
        Map<AccountId, Long> taken = batchTaken == null ? Map.of() : batchTaken;
        Set<AccountId> held = Set.of();
        long heldCoins = 0;
        long heldUntil = Long.MIN_VALUE;
        if (holds) {
            held = new HashSet<>();
            long now = at.toEpochMilli();
            for (AccountType type : LOT_TYPES) {
                AccountId after = null;
                List<AccountBalance> page;
                do {
                    page = store.memberAccounts(sender, type, after, PageRequest.MAX_SIZE);
                    for (AccountBalance lot : page) {
                        long end = holdEnd(lot.account());
                        if (end > now) {
                            held.add(lot.account());
                            heldCoins += lot.balance();
                            heldUntil = Math.max(heldUntil, end);
                        }
                        after = lot.account();
                    }
                } while (page.size() == PageRequest.MAX_SIZE);
            }
        }
        long lotted = 0;
        long takenBefore = 0;
        long available = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            // The sender's lots as listed with the gift's first read; read again if they fall short.
            List<Lots.Take> takes = Lots.allocate(store, sender, coins, taken, held, attempt == 0 ? listed : null);
            lotted = Lots.total(takes);
            if (lotted == coins) {
                if (batchTaken != null) {
                    for (Lots.Take t : takes) {
                        taken.merge(t.lot(), t.coins(), Long::sum);
                    }
                }
                return takes;
            }
            // The lots fall short: usually the wallet does too (read it to say by how much).
            AccountId wallet = AccountId.userCoins(sender);
            available = store.exists(wallet) ? store.balance(wallet) : 0;
            takenBefore = 0;
            for (Map.Entry<AccountId, Long> e : taken.entrySet()) {
                if (e.getKey().owner().orElseThrow().equals(sender)) {
                    takenBefore += e.getValue();
                }
            }
            if (available - takenBefore < coins) {
                throw InsufficientBalanceException.of(wallet, coins, Math.max(0, available - takenBefore));
            }
            if (heldCoins > 0) {
                throw CoinsOnHoldException.of(
                        sender,
                        coins,
                        Math.max(0, available - takenBefore - heldCoins),
                        heldCoins,
                        Instant.ofEpochMilli(heldUntil));
            }
        }
        throw new IllegalStateException("the wallet of " + sender + " holds " + available + " coins but its lots only "
                + (lotted + takenBefore) + ": coins credited to a wallet outside Recharges have no lot and cannot be"
                + " spent (import a balance with Recharges.importBalance; see docs/recharge.md)");
    }

    /** When a lot's hold ends, in epoch milliseconds; {@link #NOT_HELD} if its purchase was never held. */
    private long holdEnd(AccountId lot) {
        Long end = holdEnds.get(lot);
        if (end == null) {
            end = AbuseAccounts.heldUntil(store, lot).orElse(NOT_HELD);
            if (holdEnds.size() > KnownSet.MAX) {
                holdEnds.clear();
            }
            holdEnds.put(lot, end);
        }
        return end;
    }
}
