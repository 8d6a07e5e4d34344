package dev.coinage.store;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;

/**
 * Puts coins in a wallet for tests and benchmarks that are not about recharging: the postings a recharge makes for a
 * paid purchase (wallet and its lot, as {@code docs/recharge.md} describes), without the purchase records.
 */
public final class TestFunds {
    private TestFunds() {}

    /**
     * Credits paid coins to a member's wallet, with a lot that gifts can consume.
     *
     * @param store the ledger
     * @param user the member
     * @param coins the coins, positive
     * @param serial a number unique per call in this store: it names the key and orders the lot (first in first out)
     */
    public static void fund(LedgerStore store, UserId user, long coins, long serial) {
        AccountId wallet = AccountId.userCoins(user);
        AccountId lot = AccountId.member(
                AccountType.LOT_PAID, user, String.format(java.util.Locale.ROOT, "%013d.%024x", serial, serial));
        store.open(wallet);
        store.open(lot);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("fund-" + user.value() + "-" + serial), "recharge")
                .debit(AccountId.system(AccountType.COINS_ISSUED_PAID), coins)
                .credit(wallet, coins)
                .debit(AccountId.system(AccountType.LOTS), coins)
                .credit(lot, coins)
                .build());
    }
}
