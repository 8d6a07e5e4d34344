package dev.coinage.recharge;

import static dev.coinage.recharge.References.rechargeKey;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.spi.LedgerStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/** Reads a credited purchase's lot. Thread-safe (reads only). */
final class LotQueries {
    private final LedgerStore store;

    LotQueries(LedgerStore store) {
        this.store = store;
    }

    Optional<CoinLot> lot(String ref) {
        return store.find(rechargeKey(ref)).map(tx -> lot(ref, tx));
    }

    /** The lot of a purchase, from its credit transaction and the balances now. */
    CoinLot lot(String ref, AppliedTransaction tx) {
        {
            PurchaseRecord p = PurchaseRecord.from(ref, tx);
            List<AccountId> own = p.ownLots(tx);
            BigDecimal unitCost = p.paidCoins() == 0
                    ? BigDecimal.ZERO
                    : p.amount()
                            .getNumber()
                            .numberValue(BigDecimal.class)
                            .divide(BigDecimal.valueOf(p.paidCoins()), MathContext.DECIMAL64);
            return new CoinLot(
                    ref,
                    p.user(),
                    p.channel(),
                    p.paidCoins(),
                    p.bonusCoins(),
                    p.amount(),
                    p.tax(),
                    p.storeFee(),
                    unitCost,
                    store.balance(p.lotAccount()),
                    balanceIfOpen(own, 0),
                    balanceIfOpen(own, 1));
        }
    }

    private long balanceIfOpen(List<AccountId> lots, int index) {
        if (lots.isEmpty()) {
            return 0;
        }
        AccountId account = lots.get(index);
        return store.exists(account) ? store.balance(account) : 0;
    }
}
