package dev.coinage.recharge;

import static dev.coinage.recharge.SystemAccounts.PURCHASES;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.Keys;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;

/** Frozen wallets: a positive balance of {@code frozen:<user>}, set by refunds, lifted by support staff. Thread-safe. */
final class Freezes {
    private final LedgerStore store;

    Freezes(LedgerStore store) {
        this.store = store;
    }

    static AccountId account(UserId user) {
        return AccountId.member(AccountType.WALLET_FREEZE, user);
    }

    static boolean isFrozen(LedgerStore store, UserId user) {
        AccountId frozen = account(user);
        return store.exists(frozen) && store.balance(frozen) > 0;
    }

    boolean unfreeze(UserId user, IdempotencyKey key) {
        AccountId frozen = account(user);
        if (!store.exists(frozen)) {
            return false;
        }
        long marks = store.balance(frozen);
        if (marks <= 0) {
            return false;
        }
        try {
            return !store.apply(TransactionRequest.builder(Keys.UNFREEZE.key(key.value()), "unfreeze")
                            .debit(frozen, marks)
                            .credit(PURCHASES, marks)
                            .attribute("user", user.value())
                            .fingerprint(Fingerprint.builder("unfreeze")
                                    .add(user.value())
                                    .build())
                            .build())
                    .replay();
        } catch (InsufficientBalanceException e) {
            return false;
        }
    }
}
