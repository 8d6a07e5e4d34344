package dev.coinage.recharge;

import static dev.coinage.recharge.References.declinedKey;
import static dev.coinage.recharge.References.pendingKey;
import static dev.coinage.recharge.References.rechargeKey;
import static dev.coinage.recharge.SystemAccounts.PURCHASES;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Pending payments: recorded as a balance of the purchase sub-ledger, which a confirmation or a decline empties, so
 * the store's guard lets only one of them happen. Thread-safe.
 */
final class PendingPayments {
    private final LedgerStore store;
    private final Crediting crediting;

    PendingPayments(LedgerStore store, Crediting crediting) {
        this.store = store;
        this.crediting = crediting;
    }

    RechargeReceipt record(PurchaseRecord p) {
        Optional<AppliedTransaction> credited = store.find(rechargeKey(p.ref()));
        if (credited.isPresent()) {
            return Crediting.replayedCredit(p, credited.get());
        }
        AccountId pending = p.pendingAccount();
        store.open(pending);
        AppliedTransaction applied =
                store.apply(p.describe(TransactionRequest.builder(pendingKey(p.ref()), "payment-pending")
                                .debit(PURCHASES, p.total())
                                .credit(pending, p.total()))
                        .fingerprint(p.fingerprint("payment-pending"))
                        .build());
        return Crediting.receipt(p, applied, RechargeReceipt.Status.PENDING);
    }

    RechargeReceipt confirm(String ref, MonetaryAmount amount) {
        Optional<AppliedTransaction> recorded = store.find(rechargeKey(ref));
        if (recorded.isEmpty()) {
            recorded = store.find(pendingKey(ref));
        }
        PurchaseRecord p = PurchaseRecord.from(ref, recorded.orElseThrow(() -> new UnknownPurchaseException(ref)));
        if (!p.amount().getCurrency().equals(amount.getCurrency())
                || !p.amount().isEqualTo(amount)) {
            throw new PaymentMismatchException(ref, p.amount(), amount);
        }
        return crediting.credit(p);
    }

    boolean decline(String ref) {
        if (store.find(rechargeKey(ref)).isPresent()) {
            return false;
        }
        AppliedTransaction pendingTx = store.find(pendingKey(ref)).orElseThrow(() -> new UnknownPurchaseException(ref));
        PurchaseRecord p = PurchaseRecord.from(ref, pendingTx);
        TransactionRequest tx = TransactionRequest.builder(declinedKey(ref), "payment-declined")
                .debit(p.pendingAccount(), p.total())
                .credit(PURCHASES, p.total())
                .attribute("purchase", ref)
                .attribute("user", p.user().value())
                .build();
        try {
            store.apply(tx);
            return true;
        } catch (InsufficientBalanceException e) {
            // The pending balance was emptied meanwhile: by a confirmation, since a decline would have replayed.
            return false;
        }
    }
}
