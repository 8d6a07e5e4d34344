package dev.coinage.gift;

import dev.coinage.core.UserId;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.spi.LedgerStore;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the coin lots a gift consumes: the sender's paid lots oldest first, then their bonus lots. The store's guard
 * on each lot decides atomically; picking them before the gift spares a refused gift the preparatory writes.
 *
 * <p>This class is thread-safe.
 */
final class LotPicker {
    private final LedgerStore store;

    LotPicker(LedgerStore store) {
        this.store = store;
    }

    /**
     * Picks the sender's lots for a gift of {@code coins}, after what earlier gifts of the same batch took
     * ({@code batchTaken}, updated; null for a single gift). A wallet's coins all come with lots (they enter through
     * {@link dev.coinage.recharge.Recharges}); if the lots seem short while the wallet is not, a credit may be in the
     * middle of being applied, so they are read once more.
     *
     * @throws InsufficientBalanceException (an {@link dev.coinage.ledger.InsufficientCoinsException}) if the wallet
     *     has fewer coins than the gift costs
     * @throws IllegalStateException if the wallet holds coins that have no lot
     */
    List<Lots.Take> take(UserId sender, long coins, Map<AccountId, Long> batchTaken) {
        Map<AccountId, Long> taken = batchTaken == null ? Map.of() : batchTaken;
        long lotted = 0;
        long takenBefore = 0;
        long available = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            List<Lots.Take> takes = Lots.allocate(store, sender, coins, taken, Set.of());
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
        }
        throw new IllegalStateException("the wallet of " + sender + " holds " + available + " coins but its lots only "
                + (lotted + takenBefore) + ": coins credited to a wallet outside Recharges have no lot and cannot be"
                + " spent (import a balance with Recharges.importBalance; see docs/recharge.md)");
    }
}
