package dev.coinage.store;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;

/** Ledger requests shaped like the economy's: recharges, gifts, hold releases, cash-outs, refunds. */
public final class Requests {
    public static final AccountId ISSUED_PAID = AccountId.system(AccountType.COINS_ISSUED_PAID);
    public static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    public static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);
    public static final AccountId PARTS_CONVERTED = AccountId.system(AccountType.PARTS_CONVERTED);
    public static final AccountId DIAMONDS_ISSUED = AccountId.system(AccountType.DIAMONDS_ISSUED);
    public static final AccountId PAID_OUT = AccountId.system(AccountType.DIAMONDS_PAID_OUT);

    private Requests() {}

    public static TransactionRequest recharge(String key, UserId viewer, long coins) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "recharge")
                .debit(ISSUED_PAID, coins)
                .credit(AccountId.userCoins(viewer), coins)
                .attribute("purchase", key)
                .build();
    }

    /**
     * A gift of {@code coins} (at least 2) earning the creator half of them, held. These store tests count one
     * diamond as one part, so a release converts parts to diamonds one for one.
     */
    public static TransactionRequest gift(String key, UserId sender, UserId creator, long coins) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "gift")
                .debit(AccountId.userCoins(sender), coins)
                .credit(CONSUMED, coins)
                .debit(PARTS_ISSUED, coins / 2)
                .credit(AccountId.creatorHold(creator, "p1"), coins / 2)
                .attribute("gift", "rose")
                .build();
    }

    public static TransactionRequest release(String key, UserId creator, long diamonds) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "hold-release")
                .debit(AccountId.creatorHold(creator, "p1"), diamonds)
                .credit(PARTS_CONVERTED, diamonds)
                .debit(DIAMONDS_ISSUED, diamonds)
                .credit(AccountId.creatorDiamonds(creator), diamonds)
                .build();
    }

    public static TransactionRequest cashOut(String key, UserId creator, long diamonds) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "cash-out")
                .debit(AccountId.creatorDiamonds(creator), diamonds)
                .credit(PAID_OUT, diamonds)
                .build();
    }

    public static TransactionRequest refundIntoDebt(String key, UserId viewer, long coins) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "refund")
                .debitIntoDebt(AccountId.userCoins(viewer), coins)
                .credit(ISSUED_PAID, coins)
                .build();
    }

    public static void openMember(dev.coinage.spi.LedgerStore store, UserId user) {
        store.open(AccountId.userCoins(user));
        store.open(AccountId.creatorHold(user, "p1"));
        store.open(AccountId.creatorDiamonds(user));
    }
}
