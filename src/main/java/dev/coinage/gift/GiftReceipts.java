package dev.coinage.gift;

import dev.coinage.engine.HoldPeriods;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.spi.LedgerStore;

/**
 * Reads a {@link GiftReceipt} back from a gift's applied transaction, the first time or on a replay.
 *
 * <p>This class is thread-safe.
 */
final class GiftReceipts {
    /** The attribute that names a gift's hold period when no hold posting does (the whole gift went to residue). */
    static final String HOLD_PERIOD = "hold-period";

    private final LedgerStore store;
    private final long partsPerDiamond;

    GiftReceipts(LedgerStore store, long partsPerDiamond) {
        this.store = store;
        this.partsPerDiamond = partsPerDiamond;
    }

    /**
     * The receipt of an earlier transaction with a request's key, marked replay.
     *
     * @throws IdempotencyConflictException if the earlier transaction was for a different request
     */
    GiftReceipt replayed(GiftRequest request, AppliedTransaction earlier, Fingerprint fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyConflictException(request.key());
        }
        return of(request, earlier.asReplay());
    }

    /** The receipt of a gift's transaction. */
    GiftReceipt of(GiftRequest r, AppliedTransaction t) {
        long coinsSpent = 0;
        long partsCredited = 0;
        long residueParts = 0;
        String holdPeriod = "";
        for (int i = 0, n = t.entryCount(); i < n; i++) {
            AccountId account = t.entryAccount(i);
            AccountType type = account.type();
            if (type == AccountType.COINS_CONSUMED) {
                coinsSpent = t.entryAmount(i);
            } else if (type == AccountType.CREATOR_HOLD) {
                partsCredited = t.entryAmount(i);
                holdPeriod = account.reference().orElseThrow();
            } else if (type == AccountType.PARTS_RESIDUE) {
                residueParts = t.entryAmount(i);
            }
        }
        if (holdPeriod.isEmpty()) {
            // The whole of a tiny gift went to the residue: name the period it would have been held in (the gift's
            // clock named it; the store's commit time may come from another clock).
            holdPeriod = t.attributes().getOrDefault(HOLD_PERIOD, HoldPeriods.reference(t.committedAt()));
        }
        AccountId wallet = AccountId.userCoins(r.sender());
        long senderBalanceAfter = t.balanceAfter(wallet).orElseGet(() -> store.balance(wallet));
        return new GiftReceipt(
                t.id(),
                r.key(),
                r.sender(),
                r.creator(),
                r.gift(),
                r.count(),
                coinsSpent,
                partsCredited,
                residueParts,
                partsPerDiamond,
                senderBalanceAfter,
                holdPeriod,
                t.replay());
    }
}
