package dev.coinage.examples;

import dev.coinage.IdempotencyKey;
import dev.coinage.InsufficientCoinsException;
import dev.coinage.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.LedgerUnit;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.io.PrintStream;

/**
 * A walkthrough of the ledger underneath Coinage: coins issued to a viewer, a gift that turns coins into a creator's
 * diamonds, a retried webhook that credits nothing twice, and a refused overspend. Run it with
 * {@code ./mvnw -q test-compile exec:java}.
 */
public final class Demo {
    private Demo() {}

    /**
     * Runs the walkthrough on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the walkthrough.
     *
     * @param out where to print, not null
     * @return the final snapshot of the ledger
     */
    public static LedgerSnapshot run(PrintStream out) {
        LedgerStore ledger = InMemoryLedgerStore.create();
        UserId viewer = UserId.of("viewer-ana");
        UserId creator = UserId.of("creator-bo");
        AccountId wallet = AccountId.userCoins(viewer);
        AccountId held = AccountId.creatorHold(creator, "2026-11-25");
        ledger.open(wallet);
        ledger.open(held);

        out.println("Coinage ledger walkthrough");
        TransactionRequest recharge = TransactionRequest.builder(IdempotencyKey.of("psp-txn-1001"), "recharge")
                .debit(AccountId.system(AccountType.COINS_ISSUED_PAID), 350)
                .credit(wallet, 350)
                .attribute("package", "web-350")
                .build();
        ledger.apply(recharge);
        out.println("1. ana buys 350 coins on the web:            wallet = " + ledger.balance(wallet));

        AppliedTransaction retry = ledger.apply(recharge);
        out.println("2. the payment webhook is delivered again:   replay = " + retry.replay() + ", wallet = "
                + ledger.balance(wallet));

        // A 100-coin gift at a 1/2 share, counted in half-diamond parts: 100 coins consumed, 100 parts (50 diamonds)
        // held for the creator until the hold period ends.
        ledger.apply(TransactionRequest.builder(IdempotencyKey.of("gift-tap-1"), "gift")
                .debit(wallet, 100)
                .credit(AccountId.system(AccountType.COINS_CONSUMED), 100)
                .debit(AccountId.system(AccountType.PARTS_ISSUED), 100)
                .credit(held, 100)
                .build());
        out.println("3. ana sends a 100-coin gift to bo:          wallet = " + ledger.balance(wallet) + ", bo held = "
                + ledger.balance(held) + " half-diamonds");

        try {
            ledger.apply(TransactionRequest.builder(IdempotencyKey.of("gift-tap-2"), "gift")
                    .debit(wallet, 29_999)
                    .credit(AccountId.system(AccountType.COINS_CONSUMED), 29_999)
                    .build());
        } catch (InsufficientCoinsException e) {
            out.println("4. ana tries a 29,999-coin gift:             refused, required " + e.required()
                    + ", available " + e.available());
        }

        LedgerSnapshot snapshot = ledger.snapshot();
        out.println("5. every unit balances: coins sum = " + snapshot.total(LedgerUnit.COIN) + ", diamonds sum = "
                + snapshot.total(LedgerUnit.DIAMOND) + ", diamond parts sum = "
                + snapshot.total(LedgerUnit.DIAMOND_PART));
        return snapshot;
    }
}
