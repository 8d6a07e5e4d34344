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

    private SystemAccounts() {}
}
