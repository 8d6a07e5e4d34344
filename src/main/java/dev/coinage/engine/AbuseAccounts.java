package dev.coinage.engine;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The ledger records of the abuse rules ({@code dev.coinage.policy.AbusePolicy}), shared by the use cases that write
 * and read them. All of them are allowance-unit accounts of the member ({@link AccountType#USER_ALLOWANCE}) balanced
 * against {@link AccountType#ALLOWANCE_GRANTED}, so every application instance over one store sees the same records:
 *
 * <ul>
 *   <li>{@code allowance:hold.<h>:<buyer>}, written with a held first purchase (key {@link Keys#LOT_HOLD}), whose
 *       transaction's {@code until} attribute is when the lots of the purchase with hash {@code <h>} may be spent;
 *   <li>{@code allowance:flow.<h>:<sender>}: the coins of all gifts from the sender to the creator whose id has hash
 *       {@code <h>};
 *   <li>{@code allowance:flag.review:<member>} or {@code allowance:flag.seen:<member>}: the member was flagged for a
 *       circular flow, with or without review of their cash-outs (key {@link Keys#ABUSE_FLAG}, once per pair).
 * </ul>
 */
public final class AbuseAccounts {
    private static final AccountId GRANTED = AccountId.system(AccountType.ALLOWANCE_GRANTED);
    private static final String UNTIL = "until";

    private AbuseAccounts() {}

    /** The first {@link Lots#HASH} hex digits of the SHA-256 of a member id. */
    public static String memberHash(UserId member) {
        return Lots.purchaseHash(member.value()).substring(0, Lots.HASH);
    }

    /** The key of the hold of the purchase with this hash, bought by this buyer. */
    public static IdempotencyKey lotHoldKey(UserId buyer, String purchaseHash) {
        return Keys.LOT_HOLD.key(purchaseHash.substring(0, Lots.HASH) + ":" + buyer.value());
    }

    /** The transaction that holds a purchase's lots until an instant, in epoch milliseconds. */
    public static TransactionRequest lotHold(UserId buyer, String purchaseHash, long coins, long untilMillis) {
        String hash = purchaseHash.substring(0, Lots.HASH);
        return TransactionRequest.builder(lotHoldKey(buyer, purchaseHash), "lot-hold")
                .fingerprint(Fingerprint.builder("lot-hold")
                        .add(buyer.value())
                        .add(hash)
                        .add(coins)
                        .build())
                .debit(GRANTED, coins)
                .credit(lotHoldAccount(buyer, purchaseHash), coins)
                .attribute(UNTIL, Long.toString(untilMillis))
                .build();
    }

    /** The account a purchase's hold is recorded on. */
    public static AccountId lotHoldAccount(UserId buyer, String purchaseHash) {
        return AccountId.member(AccountType.USER_ALLOWANCE, buyer, "hold." + purchaseHash.substring(0, Lots.HASH));
    }

    /**
     * Until when a lot is held, in epoch milliseconds.
     *
     * @return the end of the hold, empty if the lot's purchase was never held
     */
    public static OptionalLong heldUntil(LedgerStore store, AccountId lot) {
        Optional<AppliedTransaction> hold = store.find(lotHoldKey(lot.owner().orElseThrow(), Lots.hashOf(lot)));
        if (hold.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(hold.get().attributes().get(UNTIL)));
    }

    /** The account counting the coins of the gifts from one member to another. */
    public static AccountId flow(UserId from, UserId to) {
        return AccountId.member(AccountType.USER_ALLOWANCE, from, "flow." + memberHash(to));
    }

    /** The account that marks a member flagged for a circular flow; {@code review} if their cash-outs go to review. */
    public static AccountId flag(UserId member, boolean review) {
        return AccountId.member(AccountType.USER_ALLOWANCE, member, review ? "flag.review" : "flag.seen");
    }

    /** The transaction that flags a pair of members once, whichever of them sent the gift that crossed the line. */
    public static TransactionRequest flagPair(UserId a, UserId b, boolean review) {
        boolean ordered = a.value().compareTo(b.value()) < 0;
        UserId first = ordered ? a : b;
        UserId second = ordered ? b : a;
        return TransactionRequest.builder(
                        Keys.ABUSE_FLAG.key(memberHash(first) + "." + memberHash(second)), "abuse-flag")
                .fingerprint(Fingerprint.builder("abuse-flag")
                        .add(first.value())
                        .add(second.value())
                        .build())
                .debit(GRANTED, 2)
                .credit(flag(first, review), 1)
                .credit(flag(second, review), 1)
                .attribute("flow", "circular")
                .build();
    }

    /** Whether a member was flagged with review of their cash-outs. */
    public static boolean reviewFlagged(LedgerStore store, UserId member) {
        AccountId flag = flag(member, true);
        return store.exists(flag) && store.balance(flag) > 0;
    }
}
