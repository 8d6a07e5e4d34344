package dev.coinage.recharge;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;

/** The system accounts recharges and refunds post to. */
final class SystemAccounts {
    static final AccountId ISSUED_PAID = AccountId.system(AccountType.COINS_ISSUED_PAID);
    static final AccountId ISSUED_BONUS = AccountId.system(AccountType.COINS_ISSUED_BONUS);
    static final AccountId PURCHASES = AccountId.system(AccountType.PURCHASES);
    static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);
    static final AccountId PARTS_LINKED = AccountId.system(AccountType.PARTS_LINKED);
    static final AccountId PARTS_TAKEN_BACK = AccountId.system(AccountType.PARTS_TAKEN_BACK);
    static final AccountId PARTS_LOSS = AccountId.system(AccountType.PARTS_LOSS);
    static final AccountId PARTS_CARRY_ROOM = AccountId.system(AccountType.PARTS_CARRY_ROOM);
    static final AccountId PARTS_CONVERTED = AccountId.system(AccountType.PARTS_CONVERTED);
    static final AccountId DIAMONDS_ISSUED = AccountId.system(AccountType.DIAMONDS_ISSUED);
    static final AccountId CREATOR_DEBTS = AccountId.system(AccountType.CREATOR_DEBTS);

    private SystemAccounts() {}
}
