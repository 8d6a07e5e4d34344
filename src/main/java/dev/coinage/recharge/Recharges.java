package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.QuoteExpiredException;
import dev.coinage.pricing.QuoteMismatchException;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentGateway;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Recharges: buying coins through the host's {@link PaymentGateway} or from validated app-store receipts, and
 * refunds and chargebacks of those purchases. Built once per economy:
 *
 * <pre>{@code
 * Recharges recharges = Recharges.builder(quoter, store, gateway)
 *         .debtPolicy(DebtPolicy.BOTH)   // optional, default ALLOW_DEBT
 *         .listener(listener)            // optional, guarded
 *         .build();
 * }</pre>
 *
 * <p>Every purchase is named by a reference: the provider's transaction id for a gateway charge,
 * {@code <channel>:<original transaction id>} for an app-store receipt. Its coins are credited by one ledger
 * transaction keyed {@code recharge:<reference>} whose fingerprint is the business purchase (buyer, channel, coins,
 * amount), so however many times a charge is retried, a webhook delivered or a receipt replayed, and from however many
 * threads, the coins are credited once. A pending payment is recorded as a balance of the purchase sub-ledger
 * ({@code pending:<hash>:<user>}); confirming or declining it empties that balance, so the store's guard lets only one
 * of them happen. A credited purchase's lot ({@code lot:<hash>:<user>}) holds the coins not refunded yet; refunds
 * debit it, so a purchase can never be refunded beyond what it credited, even by concurrent refunds. Its unspent paid
 * and bonus coins are lot accounts that gifts consume first in first out, bonus last; a refund takes back the
 * purchase's unspent coins, recovers its spent ones from the member's other lots, puts the rest into debt or writes it
 * off by the {@link DebtPolicy}, and reverses the diamond parts those spent coins earned creators while still on hold.
 * See {@code docs/recharge.md}.
 *
 * <p>This class is thread-safe.
 */
public final class Recharges {
    private static final int MAX_REFERENCE = References.MAX;

    /** The channel of imported balances ({@link #importBalance}); an economy must not sell coins on it. */
    public static final ChannelId IMPORT_CHANNEL = ChannelId.of("import");

    private final LedgerStore store;
    private final Purchases purchases;
    private final PendingPayments pending;
    private final Refunds refunds;
    private final Freezes freezes;
    private final LotQueries lots;

    private Recharges(Builder b) {
        this.store = b.store;
        Crediting crediting = new Crediting(
                b.store,
                b.listener,
                b.clock,
                b.abuse,
                b.quoter.definition().earnings().netRevenue());
        this.pending = new PendingPayments(b.store, crediting);
        this.purchases = new Purchases(b.quoter, b.gateway, crediting, pending, b.clock);
        HoldReversals holdReversals = new HoldReversals(
                b.store,
                b.quoter.definition().earnings().mode(),
                b.quoter.definition().earnings().share().numerator(),
                b.quoter.definition().earnings().isNetRevenue());
        this.refunds = new Refunds(
                b.store,
                b.debtPolicy,
                b.refundOrder,
                b.quoter.definition().earnings().releasedParts(),
                b.quoter.definition().earnings().partsPerDiamond(),
                b.listener,
                holdReversals);
        this.freezes = new Freezes(b.store);
        this.lots = new LotQueries(b.store);
    }

    /**
     * Starts building the recharge use case.
     *
     * @param quoter the quoter that made the quotes, used to verify them, not null
     * @param store the ledger, not null
     * @param gateway the host's payment gateway, not null
     * @return a builder, never null
     */
    public static Builder builder(RechargeQuoter quoter, LedgerStore store, PaymentGateway gateway) {
        return new Builder(quoter, store, gateway);
    }

    /**
     * Returns the purchase reference Coinage uses for an app-store receipt.
     *
     * @param channel the store's channel, not null
     * @param originalTransactionId the store's original transaction id, not null
     * @return {@code <channel>:<originalTransactionId>}, never null
     */
    public static String receiptPurchase(ChannelId channel, String originalTransactionId) {
        return Objects.requireNonNull(channel, "channel").value() + ":"
                + Objects.requireNonNull(originalTransactionId, "originalTransactionId");
    }

    /**
     * Returns the purchase reference Coinage uses for an imported balance.
     *
     * @param importId the legacy balance's id, not null
     * @return {@code import:<importId>}, never null
     */
    public static String importPurchase(String importId) {
        return IMPORT_CHANNEL.value() + ":" + Objects.requireNonNull(importId, "importId");
    }

    /**
     * Charges a quote through the gateway and credits its coins if the payment succeeded. The quote is verified first
     * (an expired or altered quote is refused before the gateway is called). Retrying with the same key is safe: the
     * gateway dedupes the charge on the key, and the credit is keyed by the provider's transaction id.
     *
     * @param quote the quote, not null
     * @param key the caller's idempotency key for this charge, passed to the gateway, not null
     * @return the receipt: credited, or pending until {@link #confirm} or {@link #decline}, never null
     * @throws QuoteExpiredException if the quote has expired; nothing was charged or written
     * @throws QuoteMismatchException if the quote was altered; nothing was charged or written
     * @throws PaymentFailedException if the gateway reports the payment failed; nothing was written
     * @throws PaymentDeclinedException if the gateway reports success for a payment already declined
     * @throws PaymentMismatchException if the provider's id was already recorded for another purchase
     * @throws IdempotencyConflictException if the provider's id was already used for another purchase
     * @throws BalanceOverflowException if the coins would take the buyer's wallet beyond the range of a {@code long};
     *     nothing was written
     */
    public RechargeReceipt charge(RechargeQuote quote, IdempotencyKey key) {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(key, "key");
        return purchases.charge(quote, key);
    }

    /**
     * Confirms a pending payment, as the provider's webhook reports it, and credits its coins once. Duplicate and
     * concurrent deliveries return the same credit and write nothing more.
     *
     * @param providerTransactionId the provider's id of the payment, not null
     * @param amount the amount the provider captured, with its currency, not null
     * @return the receipt, credited, never null
     * @throws UnknownPurchaseException if no payment with that id was recorded (a webhook ahead of its charge: the
     *     provider retries it); nothing was written
     * @throws PaymentMismatchException if the amount or currency differs from the purchase's; nothing was written
     * @throws PaymentDeclinedException if the payment was declined before; nothing was written
     * @throws BalanceOverflowException if the coins would take the buyer's wallet beyond the range of a {@code long};
     *     nothing was written
     */
    public RechargeReceipt confirm(String providerTransactionId, MonetaryAmount amount) {
        Objects.requireNonNull(providerTransactionId, "providerTransactionId");
        Objects.requireNonNull(amount, "amount");
        return pending.confirm(References.check(providerTransactionId), amount);
    }

    /**
     * Declines a pending payment, as the provider's webhook reports a failure: nothing is credited, and a later
     * confirmation of it is refused. Idempotent.
     *
     * @param providerTransactionId the provider's id of the payment, not null
     * @return true if the payment is declined (now or before), false if it had already been credited (a failure
     *     reported after success is ignored; a refund is the way back)
     * @throws UnknownPurchaseException if no payment with that id was recorded; nothing was written
     */
    public boolean decline(String providerTransactionId) {
        return pending.decline(
                References.check(Objects.requireNonNull(providerTransactionId, "providerTransactionId")));
    }

    /**
     * Credits the coins of an app-store purchase whose receipt the host has validated. The coins, bonus coins and price
     * are the receipt's product (package) as its channel sold it in the price table in force at the purchase time;
     * the receipt's price must be that package's price in its currency. The purchase is keyed by the store's
     * original transaction id: replaying the receipt (the same or another device, a restore, a server notification)
     * credits nothing more.
     *
     * @param receipt the validated receipt, not null
     * @return the receipt of the credit, never null
     * @throws ReceiptRejectedException if the channel or the product was not on sale at the purchase time, the
     *     currency is not sold, or the price is not the product's; nothing was written
     * @throws IdempotencyConflictException if the original transaction id was already credited for a different
     *     purchase (another buyer, another product): a replayed or shared receipt; nothing was written
     * @throws BalanceOverflowException if the coins would take the buyer's wallet beyond the range of a {@code long};
     *     nothing was written
     */
    public RechargeReceipt creditReceipt(AppStoreReceipt receipt) {
        return purchases.creditReceipt(Objects.requireNonNull(receipt, "receipt"));
    }

    /**
     * Imports a member's balance from a system that ran before Coinage, once per import id: the coins become a lot of
     * their own on {@link #IMPORT_CHANNEL} (reference {@code import:<importId>}) at the cost given, so they can be
     * spent, refunded and reported like bought coins. This is the only way coins enter a wallet without a payment or
     * an app-store receipt; it is meant for a one-off migration, run by the host's operators.
     *
     * @param legacy the balance to import, not null
     * @return the receipt of the credit; a replay of an earlier import with the same id returns it, never null
     * @throws IdempotencyConflictException if the import id was already used for another balance; nothing was written
     * @throws BalanceOverflowException if the coins would take the wallet beyond the range of a {@code long}; nothing
     *     was written
     */
    public RechargeReceipt importBalance(BalanceImport legacy) {
        return purchases.importBalance(Objects.requireNonNull(legacy, "legacy"));
    }

    /**
     * Applies a refund or chargeback of a purchase, at most once per refund id, in one transaction. The purchase's
     * unspent coins are clawed back; each of its coins already spent is recovered once, in the {@link RefundOrder}:
     * from the member's other unspent coins (first in first out, bonus last) or from the diamond parts it earned a
     * creator, taken back from a hold not yet released (newest hold period first). What neither covers is handled by
     * the {@link DebtPolicy}: the wallet goes into debt, or is frozen with the shortfall written off, or both. Parts
     * asked of creators but already released are reported in {@link RefundResult#partsNotReversed()}.
     *
     * @param request the refund, not null
     * @return what the refund did; a replay of an earlier call with the same id returns its result, never null
     * @throws UnknownPurchaseException if the purchase was never credited; nothing was written
     * @throws RefundExceedsPurchaseException if the refund asks for more coins than the purchase has left to refund;
     *     nothing was written
     * @throws IdempotencyConflictException if the refund id was used before for another refund; nothing was written
     * @throws ConcurrentSpendingException if other refunds of the purchase or hold releases kept moving its accounts
     *     under concurrent requests; nothing was written. Gifts from the buyer's wallet cannot cause it: a refund that
     *     keeps losing its lots to them takes what it recovers into debt, or under {@link DebtPolicy#FREEZE} writes it
     *     off and freezes the wallet (see {@code docs/recharge.md})
     */
    public RefundResult refund(RefundRequest request) {
        return refunds.refund(Objects.requireNonNull(request, "request"));
    }

    /**
     * Tells whether a member's wallet is frozen.
     *
     * @param user the member, not null
     * @return true if a refund froze the wallet and it was not unfrozen since
     */
    public boolean isFrozen(UserId user) {
        return isFrozen(store, user);
    }

    /**
     * Tells whether a member's wallet is frozen in a store: for use cases that must refuse spending from it.
     *
     * @param store the ledger, not null
     * @param user the member, not null
     * @return true if a refund froze the wallet and it was not unfrozen since
     */
    public static boolean isFrozen(LedgerStore store, UserId user) {
        return Freezes.isFrozen(store, Objects.requireNonNull(user, "user"));
    }

    /**
     * Tells from a listing of a member's accounts whose balance is not zero ({@link LedgerStore#memberAccounts(UserId,
     * List, int)} with {@link AccountType#WALLET_FREEZE} among the types) whether their wallet is frozen, as
     * {@link #isFrozen(LedgerStore, UserId)} would: for use cases that read the member's accounts at once.
     *
     * @param listed the member's accounts listed, not null
     * @return true if a refund froze the wallet and it was not unfrozen since
     */
    public static boolean isFrozen(List<AccountBalance> listed) {
        for (AccountBalance a : listed) {
            if (a.account().type() == AccountType.WALLET_FREEZE && a.balance() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lifts a wallet's freeze (the host's support staff settled the debt). Idempotent on the key.
     *
     * @param user the member, not null
     * @param key the idempotency key of this decision, not null, at most {@value #MAX_REFERENCE} characters
     * @return true if the wallet was frozen and is not any more
     * @throws IllegalArgumentException if the key is longer than {@value #MAX_REFERENCE} characters
     */
    public boolean unfreeze(UserId user, IdempotencyKey key) {
        References.check(Objects.requireNonNull(key, "key").value());
        return freezes.unfreeze(Objects.requireNonNull(user, "user"), key);
    }

    /**
     * Returns the lot of a credited purchase.
     *
     * @param purchase the purchase's reference, not null
     * @return the lot, empty if the purchase was never credited
     */
    public Optional<CoinLot> lot(String purchase) {
        return lots.lot(References.check(Objects.requireNonNull(purchase, "purchase")));
    }

    /** Builds {@link Recharges}. */
    public static final class Builder {
        private final RechargeQuoter quoter;
        private final LedgerStore store;
        private final PaymentGateway gateway;
        private DebtPolicy debtPolicy = DebtPolicy.ALLOW_DEBT;
        private RefundOrder refundOrder = RefundOrder.VIEWER_FIRST;
        private RechargeListener listener = new RechargeListener() {};
        private Clock clock = Clock.systemUTC();
        private AbusePolicy abuse = AbusePolicy.none();

        private Builder(RechargeQuoter quoter, LedgerStore store, PaymentGateway gateway) {
            this.quoter = Objects.requireNonNull(quoter, "quoter");
            this.store = Objects.requireNonNull(store, "store");
            this.gateway = Objects.requireNonNull(gateway, "gateway");
        }

        /**
         * Sets what a refund of coins already spent does.
         *
         * @param policy the policy, not null; default {@link DebtPolicy#ALLOW_DEBT}
         * @return this builder
         */
        public Builder debtPolicy(DebtPolicy policy) {
            this.debtPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets who covers a refunded purchase's coins already spent: the member's other coins or the creators' parts
         * still on hold, first. Either way each coin is recovered once.
         *
         * @param order the order, not null; default {@link RefundOrder#VIEWER_FIRST}
         * @return this builder
         */
        public Builder refundOrder(RefundOrder order) {
            this.refundOrder = Objects.requireNonNull(order, "order");
            return this;
        }

        /**
         * Sets the listener told of credits, refunds and freezes; its failures are logged and dropped.
         *
         * @param listener the listener, not null
         * @return this builder
         */
        public Builder listener(RechargeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the clock that dates credited lots (their order of consumption); by default the system clock.
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the abuse rules recharges obey: a large first purchase may be held. By default
         * {@link AbusePolicy#none()}.
         *
         * @param abuse the rules, not null
         * @return this builder
         */
        public Builder abuse(AbusePolicy abuse) {
            this.abuse = Objects.requireNonNull(abuse, "abuse");
            return this;
        }

        /**
         * Builds the use case.
         *
         * @return the use case, never null
         */
        public Recharges build() {
            return new Recharges(this);
        }
    }
}
