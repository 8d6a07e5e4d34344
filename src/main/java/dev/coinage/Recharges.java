package dev.coinage;

import dev.coinage.catalog.ChannelId;
import dev.coinage.event.CoinsCredited;
import dev.coinage.event.RechargeListener;
import dev.coinage.event.RefundApplied;
import dev.coinage.event.WalletFrozen;
import dev.coinage.internal.GuardedRechargeListener;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.spi.PaymentRequest;
import dev.coinage.spi.PaymentResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

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
 * debit it, so a purchase can never be refunded beyond what it credited, even by concurrent refunds. See
 * {@code docs/recharge.md}.
 *
 * <p>This class is thread-safe.
 */
public final class Recharges {
    private static final int MAX_REFERENCE = 180;
    private static final int REFUND_ATTEMPTS = 8;
    private static final AccountId ISSUED_PAID = AccountId.system(AccountType.COINS_ISSUED_PAID);
    private static final AccountId ISSUED_BONUS = AccountId.system(AccountType.COINS_ISSUED_BONUS);
    private static final AccountId PURCHASES = AccountId.system(AccountType.PURCHASES);

    private final RechargeQuoter quoter;
    private final LedgerStore store;
    private final PaymentGateway gateway;
    private final DebtPolicy debtPolicy;
    private final RechargeListener listener;

    private Recharges(Builder b) {
        this.quoter = b.quoter;
        this.store = b.store;
        this.gateway = b.gateway;
        this.debtPolicy = b.debtPolicy;
        this.listener = b.listener;
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
     */
    public RechargeReceipt charge(RechargeQuote quote, IdempotencyKey key) {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(key, "key");
        quoter.verify(quote);
        PaymentResult result = Objects.requireNonNull(
                gateway.charge(new PaymentRequest(key, quote.id(), quote.user(), quote.channel(), quote.gross())),
                "the gateway returned null");
        String ref = checkReference(result.providerTransactionId());
        Purchase p =
                new Purchase(ref, quote.user(), quote.channel(), quote.paidCoins(), quote.bonusCoins(), quote.gross());
        switch (result.status()) {
            case FAILED:
                throw new PaymentFailedException(ref, result.reason());
            case PENDING:
                return recordPending(p);
            case SUCCEEDED:
            default:
                return credit(p);
        }
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
     */
    public RechargeReceipt confirm(String providerTransactionId, MonetaryAmount amount) {
        Objects.requireNonNull(providerTransactionId, "providerTransactionId");
        Objects.requireNonNull(amount, "amount");
        String ref = checkReference(providerTransactionId);
        Optional<AppliedTransaction> recorded = store.find(rechargeKey(ref));
        if (recorded.isEmpty()) {
            recorded = store.find(pendingKey(ref));
        }
        Purchase p = Purchase.of(ref, recorded.orElseThrow(() -> new UnknownPurchaseException(ref)));
        if (!p.amount.getCurrency().equals(amount.getCurrency()) || !p.amount.isEqualTo(amount)) {
            throw new PaymentMismatchException(ref, p.amount, amount);
        }
        return credit(p);
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
        String ref = checkReference(Objects.requireNonNull(providerTransactionId, "providerTransactionId"));
        if (store.find(rechargeKey(ref)).isPresent()) {
            return false;
        }
        AppliedTransaction pendingTx = store.find(pendingKey(ref)).orElseThrow(() -> new UnknownPurchaseException(ref));
        Purchase p = Purchase.of(ref, pendingTx);
        TransactionRequest tx = TransactionRequest.builder(declinedKey(ref), "payment-declined")
                .debit(pendingAccount(p), p.total())
                .credit(PURCHASES, p.total())
                .attribute("purchase", ref)
                .attribute("user", p.user.value())
                .build();
        try {
            store.apply(tx);
            return true;
        } catch (InsufficientBalanceException e) {
            // The pending balance was emptied meanwhile: by a confirmation, since a decline would have replayed.
            return false;
        }
    }

    /**
     * Credits the coins of an app-store purchase whose receipt the host has validated. The purchase is keyed by the
     * store's original transaction id: replaying the receipt (the same or another device, a restore, a server
     * notification) credits nothing more.
     *
     * @param receipt the validated receipt, not null
     * @return the receipt of the credit, never null
     * @throws IdempotencyConflictException if the original transaction id was already credited for a different
     *     purchase (another buyer, other coins or amount): a replayed or shared receipt; nothing was written
     */
    public RechargeReceipt creditReceipt(AppStoreReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        String ref = checkReference(receiptPurchase(receipt.channel(), receipt.originalTransactionId()));
        return credit(new Purchase(
                ref, receipt.user(), receipt.channel(), receipt.paidCoins(), receipt.bonusCoins(), receipt.amount()));
    }

    /**
     * Applies a refund or chargeback of a purchase, at most once per refund id. The purchase's coins still in the
     * wallet are clawed back; coins already spent are handled by the {@link DebtPolicy}: the wallet goes into debt,
     * or is frozen with the shortfall written off, or both. Paid coins are clawed back before bonus coins.
     *
     * @param request the refund, not null
     * @return what the refund did; a replay of an earlier call with the same id returns its result, never null
     * @throws UnknownPurchaseException if the purchase was never credited; nothing was written
     * @throws RefundExceedsPurchaseException if the refund asks for more coins than the purchase has left to refund;
     *     nothing was written
     * @throws IdempotencyConflictException if the refund id was used before for another refund; nothing was written
     */
    public RefundResult refund(RefundRequest request) {
        Objects.requireNonNull(request, "request");
        String ref = checkReference(request.purchase());
        IdempotencyKey key = refundKey(request.refundId());
        Fingerprint fingerprint = Fingerprint.builder("refund")
                .add(request.refundId())
                .add(ref)
                .add(request.coins().isPresent() ? Long.toString(request.coins().getAsLong()) : "full")
                .add(request.kind().name())
                .build();
        Optional<AppliedTransaction> prior = store.find(key);
        if (prior.isPresent()) {
            return replayedRefund(key, fingerprint, prior.get());
        }
        Purchase p =
                Purchase.of(ref, store.find(rechargeKey(ref)).orElseThrow(() -> new UnknownPurchaseException(ref)));
        AccountId wallet = AccountId.userCoins(p.user);
        AccountId lot = lotAccount(p);
        AccountId frozen = AccountId.member(AccountType.WALLET_FREEZE, p.user);
        InsufficientBalanceException last = null;
        for (int attempt = 0; attempt < REFUND_ATTEMPTS; attempt++) {
            long refundable = store.balance(lot);
            long coins = request.coins().orElse(refundable);
            if (coins > refundable || coins == 0) {
                throw new RefundExceedsPurchaseException(ref, coins, refundable);
            }
            long paidLeft = Math.max(0, p.paidCoins - (p.total() - refundable));
            long available = Math.max(0, store.balance(wallet));
            long clawedBack = Math.min(coins, available);
            long shortfall = coins - clawedBack;
            boolean intoDebt = shortfall > 0 && debtPolicy != DebtPolicy.FREEZE;
            boolean freeze = shortfall > 0 && debtPolicy != DebtPolicy.ALLOW_DEBT;
            long debt = intoDebt ? shortfall : 0;
            long writtenOff = intoDebt ? 0 : shortfall;
            long taken = clawedBack + debt;
            long paidBack = Math.min(taken, paidLeft);
            long bonusBack = taken - paidBack;
            TransactionRequest.Builder tx =
                    TransactionRequest.builder(key, request.kind() == RefundKind.CHARGEBACK ? "chargeback" : "refund");
            if (taken > 0) {
                if (intoDebt) {
                    tx.debitIntoDebt(wallet, taken);
                } else {
                    tx.debit(wallet, taken);
                }
                if (paidBack > 0) {
                    tx.credit(ISSUED_PAID, paidBack);
                }
                if (bonusBack > 0) {
                    tx.credit(ISSUED_BONUS, bonusBack);
                }
            }
            tx.debit(lot, coins);
            long toPurchases = coins - (freeze ? 1 : 0);
            if (freeze) {
                store.open(frozen);
                tx.credit(frozen, 1);
            }
            if (toPurchases > 0) {
                tx.credit(PURCHASES, toPurchases);
            }
            RefundResult result = new RefundResult(
                    request.refundId(), ref, request.kind(), coins, clawedBack, debt, writtenOff, freeze, false);
            tx.attribute("purchase", ref)
                    .attribute("user", p.user.value())
                    .attribute("refund", request.refundId())
                    .attribute("refund-kind", request.kind().name())
                    .attribute("coins", Long.toString(coins))
                    .attribute("clawed-back", Long.toString(clawedBack))
                    .attribute("debt", Long.toString(debt))
                    .attribute("written-off", Long.toString(writtenOff))
                    .attribute("frozen", Boolean.toString(freeze))
                    .fingerprint(fingerprint);
            AppliedTransaction applied;
            try {
                applied = store.apply(tx.build());
            } catch (InsufficientBalanceException e) {
                // The wallet was spent or the lot refunded meanwhile: read again.
                last = e;
                continue;
            }
            if (applied.replay()) {
                return replayedRefund(key, fingerprint, applied);
            }
            listener.onRefundApplied(new RefundApplied(p.user, result));
            if (freeze) {
                listener.onWalletFrozen(new WalletFrozen(p.user, request.refundId()));
            }
            return result;
        }
        throw last;
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
        AccountId frozen = AccountId.member(AccountType.WALLET_FREEZE, Objects.requireNonNull(user, "user"));
        return store.exists(frozen) && store.balance(frozen) > 0;
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
        checkReference(Objects.requireNonNull(key, "key").value());
        AccountId frozen = AccountId.member(AccountType.WALLET_FREEZE, Objects.requireNonNull(user, "user"));
        if (!store.exists(frozen)) {
            return false;
        }
        long marks = store.balance(frozen);
        if (marks <= 0) {
            return false;
        }
        try {
            return !store.apply(TransactionRequest.builder(IdempotencyKey.of("unfreeze:" + key.value()), "unfreeze")
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

    /**
     * Returns the lot of a credited purchase.
     *
     * @param purchase the purchase's reference, not null
     * @return the lot, empty if the purchase was never credited
     */
    public Optional<CoinLot> lot(String purchase) {
        String ref = checkReference(Objects.requireNonNull(purchase, "purchase"));
        return store.find(rechargeKey(ref)).map(tx -> {
            Purchase p = Purchase.of(ref, tx);
            BigDecimal unitCost = p.amount
                    .getNumber()
                    .numberValue(BigDecimal.class)
                    .divide(BigDecimal.valueOf(p.paidCoins), MathContext.DECIMAL64);
            return new CoinLot(
                    ref,
                    p.user,
                    p.channel,
                    p.paidCoins,
                    p.bonusCoins,
                    p.amount,
                    unitCost,
                    store.balance(lotAccount(p)));
        });
    }

    private RechargeReceipt recordPending(Purchase p) {
        Optional<AppliedTransaction> credited = store.find(rechargeKey(p.ref));
        if (credited.isPresent()) {
            return replayedCredit(p, credited.get());
        }
        AccountId pending = pendingAccount(p);
        store.open(pending);
        AppliedTransaction applied = store.apply(describe(
                        TransactionRequest.builder(pendingKey(p.ref), "payment-pending")
                                .debit(PURCHASES, p.total())
                                .credit(pending, p.total()),
                        p)
                .fingerprint(p.fingerprint("payment-pending"))
                .build());
        return receipt(p, applied, RechargeReceipt.Status.PENDING);
    }

    private RechargeReceipt credit(Purchase p) {
        Optional<AppliedTransaction> credited = store.find(rechargeKey(p.ref));
        if (credited.isPresent()) {
            return replayedCredit(p, credited.get());
        }
        boolean wasPending = store.find(pendingKey(p.ref)).isPresent();
        if (wasPending && store.find(declinedKey(p.ref)).isPresent()) {
            throw new PaymentDeclinedException(p.ref);
        }
        AccountId wallet = AccountId.userCoins(p.user);
        AccountId lot = lotAccount(p);
        store.open(wallet);
        store.open(lot);
        TransactionRequest.Builder tx = TransactionRequest.builder(rechargeKey(p.ref), "recharge")
                .credit(wallet, p.total())
                .debit(ISSUED_PAID, p.paidCoins)
                .credit(lot, p.total());
        if (p.bonusCoins > 0) {
            tx.debit(ISSUED_BONUS, p.bonusCoins);
        }
        if (wasPending) {
            tx.debit(pendingAccount(p), p.total());
        } else {
            tx.debit(PURCHASES, p.total());
        }
        AppliedTransaction applied;
        try {
            applied = store.apply(
                    describe(tx, p).fingerprint(p.fingerprint("recharge")).build());
        } catch (InsufficientBalanceException e) {
            // Only the pending balance is guarded here: a decline emptied it first.
            throw new PaymentDeclinedException(p.ref);
        }
        if (applied.replay()) {
            return replayedCredit(p, applied);
        }
        RechargeReceipt receipt = receipt(p, applied, RechargeReceipt.Status.CREDITED);
        listener.onCoinsCredited(new CoinsCredited(receipt));
        return receipt;
    }

    private RechargeReceipt replayedCredit(Purchase asked, AppliedTransaction tx) {
        Purchase recorded = Purchase.of(asked.ref, tx);
        if (!recorded.sameAs(asked)) {
            if (recorded.user.equals(asked.user)
                    && recorded.paidCoins == asked.paidCoins
                    && recorded.bonusCoins == asked.bonusCoins) {
                throw new PaymentMismatchException(asked.ref, recorded.amount, asked.amount);
            }
            throw new IdempotencyConflictException(tx.key());
        }
        return receipt(recorded, tx.asReplay(), RechargeReceipt.Status.CREDITED);
    }

    private RefundResult replayedRefund(IdempotencyKey key, Fingerprint fingerprint, AppliedTransaction tx) {
        if (!tx.fingerprint().equals(fingerprint)) {
            throw new IdempotencyConflictException(key);
        }
        Map<String, String> a = tx.attributes();
        return new RefundResult(
                a.get("refund"),
                a.get("purchase"),
                RefundKind.valueOf(a.get("refund-kind")),
                Long.parseLong(a.get("coins")),
                Long.parseLong(a.get("clawed-back")),
                Long.parseLong(a.get("debt")),
                Long.parseLong(a.get("written-off")),
                Boolean.parseBoolean(a.get("frozen")),
                true);
    }

    private static RechargeReceipt receipt(Purchase p, AppliedTransaction tx, RechargeReceipt.Status status) {
        OptionalLong after = tx.replay() || status == RechargeReceipt.Status.PENDING
                ? OptionalLong.empty()
                : tx.balanceAfter(AccountId.userCoins(p.user));
        return new RechargeReceipt(p.ref, p.user, status, p.paidCoins, p.bonusCoins, p.amount, after, tx.replay());
    }

    private static TransactionRequest.Builder describe(TransactionRequest.Builder tx, Purchase p) {
        return tx.attribute("purchase", p.ref)
                .attribute("user", p.user.value())
                .attribute("channel", p.channel.value())
                .attribute("paid-coins", Long.toString(p.paidCoins))
                .attribute("bonus-coins", Long.toString(p.bonusCoins))
                .attribute("amount", amountText(p.amount))
                .attribute("currency", p.amount.getCurrency().getCurrencyCode());
    }

    private static String amountText(MonetaryAmount amount) {
        return amount.getNumber()
                .numberValue(BigDecimal.class)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String checkReference(String ref) {
        if (ref.isBlank() || ref.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException(
                    "a purchase reference must be 1 to " + MAX_REFERENCE + " characters, not blank: '" + ref + "'");
        }
        return ref;
    }

    private static IdempotencyKey rechargeKey(String ref) {
        return IdempotencyKey.of("recharge:" + ref);
    }

    private static IdempotencyKey pendingKey(String ref) {
        return IdempotencyKey.of("pending:" + ref);
    }

    private static IdempotencyKey declinedKey(String ref) {
        return IdempotencyKey.of("declined:" + ref);
    }

    private static IdempotencyKey refundKey(String refundId) {
        if (refundId.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException("a refund id must be at most " + MAX_REFERENCE + " characters");
        }
        return IdempotencyKey.of("refund:" + refundId);
    }

    private static AccountId pendingAccount(Purchase p) {
        return AccountId.member(AccountType.PAYMENT_PENDING, p.user, accountReference(p.ref));
    }

    private static AccountId lotAccount(Purchase p) {
        return AccountId.member(AccountType.COIN_LOT, p.user, accountReference(p.ref));
    }

    /**
     * Account references are short and of a restricted alphabet, provider ids are neither: the account is named by the
     * first 40 hex digits of the reference's SHA-256 (160 bits), and the transactions carry the reference itself.
     */
    private static String accountReference(String ref) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ref.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (int i = 0; i < 20; i++) {
                byte b = digest[i];
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A purchase as recorded on its transactions. */
    private static final class Purchase {
        final String ref;
        final UserId user;
        final ChannelId channel;
        final long paidCoins;
        final long bonusCoins;
        final MonetaryAmount amount;

        Purchase(String ref, UserId user, ChannelId channel, long paidCoins, long bonusCoins, MonetaryAmount amount) {
            this.ref = ref;
            this.user = user;
            this.channel = channel;
            this.paidCoins = paidCoins;
            this.bonusCoins = bonusCoins;
            this.amount = amount;
            Math.addExact(paidCoins, bonusCoins);
        }

        static Purchase of(String ref, AppliedTransaction tx) {
            Map<String, String> a = tx.attributes();
            CurrencyUnit currency = Monetary.getCurrency(a.get("currency"));
            return new Purchase(
                    ref,
                    UserId.of(a.get("user")),
                    ChannelId.of(a.get("channel")),
                    Long.parseLong(a.get("paid-coins")),
                    Long.parseLong(a.get("bonus-coins")),
                    Money.of(new BigDecimal(a.get("amount")), currency));
        }

        long total() {
            return paidCoins + bonusCoins;
        }

        boolean sameAs(Purchase o) {
            return user.equals(o.user)
                    && channel.equals(o.channel)
                    && paidCoins == o.paidCoins
                    && bonusCoins == o.bonusCoins
                    && amount.getCurrency().equals(o.amount.getCurrency())
                    && amount.isEqualTo(o.amount);
        }

        Fingerprint fingerprint(String kind) {
            return Fingerprint.builder(kind)
                    .add(ref)
                    .add(user.value())
                    .add(channel.value())
                    .add(paidCoins)
                    .add(bonusCoins)
                    .add(amountText(amount))
                    .add(amount.getCurrency().getCurrencyCode())
                    .build();
        }
    }

    /** Builds {@link Recharges}. */
    public static final class Builder {
        private final RechargeQuoter quoter;
        private final LedgerStore store;
        private final PaymentGateway gateway;
        private DebtPolicy debtPolicy = DebtPolicy.ALLOW_DEBT;
        private RechargeListener listener = new RechargeListener() {};

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
         * Sets the listener told of credits, refunds and freezes; its failures are logged and dropped.
         *
         * @param listener the listener, not null
         * @return this builder
         */
        public Builder listener(RechargeListener listener) {
            this.listener = GuardedRechargeListener.of(listener);
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
