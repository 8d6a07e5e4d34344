package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ConversionMode;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.Keys;
import dev.coinage.engine.Listeners;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.pricing.QuoteExpiredException;
import dev.coinage.pricing.QuoteMismatchException;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.spi.PaymentRequest;
import dev.coinage.spi.PaymentResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
 * debit it, so a purchase can never be refunded beyond what it credited, even by concurrent refunds. Its unspent paid
 * and bonus coins are lot accounts that gifts consume first in first out, bonus last; a refund takes back the
 * purchase's unspent coins, recovers its spent ones from the member's other lots, puts the rest into debt or writes it
 * off by the {@link DebtPolicy}, and reverses the diamond parts those spent coins earned creators while still on hold.
 * See {@code docs/recharge.md}.
 *
 * <p>This class is thread-safe.
 */
public final class Recharges {
    private static final int MAX_REFERENCE = 180;
    private static final int REFUND_ATTEMPTS = Lots.ATTEMPTS;
    private static final AccountId ISSUED_PAID = AccountId.system(AccountType.COINS_ISSUED_PAID);
    private static final AccountId ISSUED_BONUS = AccountId.system(AccountType.COINS_ISSUED_BONUS);
    private static final AccountId PURCHASES = AccountId.system(AccountType.PURCHASES);
    private static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);
    private static final AccountId PARTS_LINKED = AccountId.system(AccountType.PARTS_LINKED);
    private static final int PAGE = 500;

    private final RechargeQuoter quoter;
    private final LedgerStore store;
    private final PaymentGateway gateway;
    private final DebtPolicy debtPolicy;
    private final RechargeListener listener;
    private final Clock clock;
    private final long numerator;
    private final ConversionMode mode;

    private Recharges(Builder b) {
        this.quoter = b.quoter;
        this.store = b.store;
        this.gateway = b.gateway;
        this.debtPolicy = b.debtPolicy;
        this.listener = b.listener;
        this.clock = b.clock;
        this.numerator = quoter.definition().earnings().share().numerator();
        this.mode = quoter.definition().earnings().mode();
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
     * Applies a refund or chargeback of a purchase, at most once per refund id, in one transaction. The purchase's
     * unspent coins are clawed back; its coins already spent are recovered from the member's other unspent coins
     * (first in first out, bonus last), and what they do not cover is handled by the {@link DebtPolicy}: the wallet
     * goes into debt, or is frozen with the shortfall written off, or both. The diamond parts those spent coins earned
     * creators are taken back from their holds where not yet released (newest hold period first); the rest is
     * reported in {@link RefundResult#partsNotReversed()}.
     *
     * @param request the refund, not null
     * @return what the refund did; a replay of an earlier call with the same id returns its result, never null
     * @throws UnknownPurchaseException if the purchase was never credited; nothing was written
     * @throws RefundExceedsPurchaseException if the refund asks for more coins than the purchase has left to refund;
     *     nothing was written
     * @throws IdempotencyConflictException if the refund id was used before for another refund; nothing was written
     * @throws ConcurrentSpendingException if the buyer's coins kept moving under concurrent requests; nothing was
     *     written
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
        AppliedTransaction recorded = store.find(rechargeKey(ref)).orElseThrow(() -> new UnknownPurchaseException(ref));
        Purchase p = Purchase.of(ref, recorded);
        AccountId wallet = AccountId.userCoins(p.user);
        AccountId lot = lotAccount(p);
        AccountId frozen = AccountId.member(AccountType.WALLET_FREEZE, p.user);
        AccountId owed = AccountId.member(AccountType.COIN_DEBT, p.user);
        List<AccountId> own = ownLots(p, recorded);
        for (int attempt = 0; attempt < REFUND_ATTEMPTS; attempt++) {
            long refundable = store.balance(lot);
            long coins = request.coins().orElse(refundable);
            if (coins > refundable || coins == 0) {
                throw new RefundExceedsPurchaseException(ref, coins, refundable);
            }
            long paidLeft = Math.max(0, p.paidCoins - (p.total() - refundable));
            // What may be taken from the wallet's balance: everything it holds under the freeze-only policy (which
            // never makes it negative), else all the refunded coins (the rest becomes debt).
            long budget = debtPolicy == DebtPolicy.FREEZE ? Math.min(coins, Math.max(0, store.balance(wallet))) : coins;
            // 1. The purchase's own unspent coins, paid first.
            List<Lots.Take> takes = new ArrayList<>();
            long fromOwn = 0;
            for (AccountId l : own) {
                long k = Math.min(store.exists(l) ? store.balance(l) : 0, budget - fromOwn);
                if (k > 0) {
                    takes.add(new Lots.Take(l, k));
                    fromOwn += k;
                }
            }
            // 2. Its coins already spent: recovered from the member's other unspent coins, first in first out, bonus
            // last; what they do not cover is debt or written off.
            long spent = coins - fromOwn;
            long fromOthers = 0;
            if (budget > fromOwn) {
                List<Lots.Take> others =
                        Lots.allocate(store, p.user, budget - fromOwn, new HashMap<>(), Set.copyOf(own));
                takes.addAll(others);
                fromOthers = Lots.total(others);
            }
            long clawedBack = fromOwn + fromOthers;
            long shortfall = coins - clawedBack;
            boolean intoDebt = shortfall > 0 && debtPolicy != DebtPolicy.FREEZE;
            boolean freeze = shortfall > 0 && debtPolicy != DebtPolicy.ALLOW_DEBT;
            long debt = intoDebt ? shortfall : 0;
            long writtenOff = intoDebt ? 0 : shortfall;
            long taken = clawedBack + debt;
            long paidBack = Math.min(taken, paidLeft);
            long bonusBack = taken - paidBack;
            // 3. The diamonds its spent coins earned creators, where still on hold.
            List<Reversal> reversals = reversals(p, spent);
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
            long toLots = clawedBack - debt;
            for (Lots.Take t : takes) {
                tx.debit(t.lot(), t.coins());
            }
            if (debt > 0) {
                store.open(owed);
                tx.credit(owed, debt);
            }
            long linkedBack = 0;
            long partsBack = 0;
            long notReversed = 0;
            List<HoldReversal> done = new ArrayList<>();
            for (Reversal r : reversals) {
                tx.debit(r.gifted(), r.coins());
                toLots += r.coins();
                if (r.linkedParts() > 0) {
                    tx.debit(r.heldLink(), r.linkedParts());
                    linkedBack += r.linkedParts();
                }
                if (r.parts() > 0) {
                    tx.debit(r.hold(), r.parts());
                    partsBack += r.parts();
                    done.add(new HoldReversal(
                            r.hold().owner().orElseThrow(), r.hold().reference().orElseThrow(), r.parts()));
                }
                notReversed += r.notReversed();
            }
            if (toLots > 0) {
                tx.credit(Lots.LOTS, toLots);
            } else if (toLots < 0) {
                tx.debit(Lots.LOTS, -toLots);
            }
            if (linkedBack > 0) {
                tx.credit(PARTS_LINKED, linkedBack);
            }
            if (partsBack > 0) {
                tx.credit(PARTS_ISSUED, partsBack);
            }
            RefundResult result = new RefundResult(
                    request.refundId(),
                    ref,
                    request.kind(),
                    coins,
                    clawedBack,
                    debt,
                    writtenOff,
                    freeze,
                    done,
                    notReversed,
                    false);
            tx.attribute("purchase", ref)
                    .attribute("user", p.user.value())
                    .attribute("refund", request.refundId())
                    .attribute("refund-kind", request.kind().name())
                    .attribute("coins", Long.toString(coins))
                    .attribute("clawed-back", Long.toString(clawedBack))
                    .attribute("debt", Long.toString(debt))
                    .attribute("written-off", Long.toString(writtenOff))
                    .attribute("frozen", Boolean.toString(freeze))
                    .attribute("parts-not-reversed", Long.toString(notReversed))
                    .fingerprint(fingerprint);
            AppliedTransaction applied;
            try {
                applied = store.apply(tx.build());
            } catch (InsufficientBalanceException e) {
                // The wallet was spent, a lot consumed or refunded, a debt repaid or a hold released meanwhile: read
                // again.
                if (attempt + 1 < REFUND_ATTEMPTS) {
                    Lots.backoff(p.user, attempt);
                }
                continue;
            }
            if (applied.replay()) {
                return replayedRefund(key, fingerprint, applied);
            }
            RefundApplied event = new RefundApplied(p.user, result);
            Listeners.call(listener, event, RechargeListener::onRefundApplied, event);
            if (freeze) {
                WalletFrozen frozeEvent = new WalletFrozen(p.user, request.refundId());
                Listeners.call(listener, frozeEvent, RechargeListener::onWalletFrozen, frozeEvent);
            }
            return result;
        }
        throw new ConcurrentSpendingException(p.user, REFUND_ATTEMPTS);
    }

    /** The purchase's own lot accounts, paid then bonus, as its credit named them. */
    private static List<AccountId> ownLots(Purchase p, AppliedTransaction credit) {
        String time = credit.attributes().get("lot-time");
        if (time == null) {
            return List.of();
        }
        long millis = Long.parseLong(time);
        return List.of(Lots.paid(p.user, millis, p.hash), Lots.bonus(p.user, millis, p.hash));
    }

    /** Parts to take back from one creator's hold for coins of a refunded purchase spent on gifts to them. */
    private record Reversal(
            AccountId gifted,
            long coins,
            AccountId heldLink,
            long linkedParts,
            AccountId hold,
            long parts,
            long notReversed) {}

    /**
     * Attributes a refunded purchase's spent coins to the gifts they paid for, newest hold period first (the likeliest
     * to be still on hold), and works out the parts to take back: the coins' share of the creator's earnings, as far as
     * the hold still has them.
     */
    private List<Reversal> reversals(Purchase p, long spent) {
        if (spent <= 0) {
            return List.of();
        }
        String hash = p.hash.substring(0, Lots.HASH);
        String prefix = hash + ".";
        List<AccountId> links = new ArrayList<>();
        // "-" sorts before ".", so this name precedes every link of the purchase and follows those of lower hashes.
        AccountId after = AccountId.member(AccountType.LOT_GIFTED, p.user, hash + "-");
        boolean more = true;
        while (more) {
            List<AccountId> page = store.nonZeroAccounts(AccountType.LOT_GIFTED, after, PAGE);
            for (AccountId a : page) {
                if (!a.reference().orElseThrow().startsWith(prefix)) {
                    more = false;
                    break;
                }
                links.add(a);
            }
            if (page.size() < PAGE) {
                more = false;
            } else {
                after = page.get(page.size() - 1);
            }
        }
        links.sort(
                Comparator.comparing((AccountId a) -> period(a)).reversed().thenComparing(Comparator.naturalOrder()));
        List<Reversal> out = new ArrayList<>();
        long left = spent;
        for (AccountId gifted : links) {
            if (left == 0) {
                break;
            }
            long linked = store.balance(gifted);
            long coins = Math.min(linked, left);
            if (coins <= 0) {
                continue;
            }
            left -= coins;
            UserId creator = gifted.owner().orElseThrow();
            String period = period(gifted);
            AccountId heldLink = null;
            long linkedParts = 0;
            long parts;
            if (mode == ConversionMode.PLATFORM_RESIDUE) {
                heldLink = Lots.held(creator, hash, period);
                long held = store.exists(heldLink) ? store.balance(heldLink) : 0;
                linkedParts = coins == linked ? held : Lots.mulDiv(held, coins, linked);
                parts = linkedParts;
            } else {
                parts = Math.multiplyExact(coins, numerator);
            }
            AccountId hold = AccountId.creatorHold(creator, period);
            long inHold = store.exists(hold) ? Math.max(0, store.balance(hold)) : 0;
            long reversed = Math.min(parts, inHold);
            out.add(new Reversal(gifted, coins, heldLink, linkedParts, hold, reversed, parts - reversed));
        }
        return out;
    }

    private static String period(AccountId link) {
        String ref = link.reference().orElseThrow();
        return ref.substring(ref.indexOf('.') + 1);
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
            List<AccountId> own = ownLots(p, tx);
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
                    store.balance(lotAccount(p)),
                    balanceIfOpen(own, 0),
                    balanceIfOpen(own, 1));
        });
    }

    private long balanceIfOpen(List<AccountId> lots, int index) {
        if (lots.isEmpty()) {
            return 0;
        }
        AccountId account = lots.get(index);
        return store.exists(account) ? store.balance(account) : 0;
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
        AccountId owed = AccountId.member(AccountType.COIN_DEBT, p.user);
        long creditedAt = clock.millis();
        AccountId lotPaid = Lots.paid(p.user, creditedAt, p.hash);
        AccountId lotBonus = Lots.bonus(p.user, creditedAt, p.hash);
        store.open(wallet);
        store.open(lot);
        AppliedTransaction applied = null;
        for (int attempt = 0; applied == null; attempt++) {
            // A debt from an earlier refund is repaid first, from the paid coins first: those coins join no lot.
            long debt = store.exists(owed) ? Math.max(0, store.balance(owed)) : 0;
            long repaid = Math.min(debt, p.total());
            long repaidPaid = Math.min(repaid, p.paidCoins);
            long paidLot = p.paidCoins - repaidPaid;
            long bonusLot = p.bonusCoins - (repaid - repaidPaid);
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
            if (paidLot > 0) {
                store.open(lotPaid);
                tx.credit(lotPaid, paidLot);
            }
            if (bonusLot > 0) {
                store.open(lotBonus);
                tx.credit(lotBonus, bonusLot);
            }
            if (repaid > 0) {
                tx.debit(owed, repaid);
            }
            long fromLots = paidLot + bonusLot - repaid;
            if (fromLots > 0) {
                tx.debit(Lots.LOTS, fromLots);
            } else if (fromLots < 0) {
                tx.credit(Lots.LOTS, -fromLots);
            }
            try {
                applied = store.apply(describe(tx, p)
                        .attribute("lot-time", Long.toString(creditedAt))
                        .attribute("debt-repaid", Long.toString(repaid))
                        .fingerprint(p.fingerprint("recharge"))
                        .build());
            } catch (InsufficientBalanceException e) {
                if (!e.account().equals(owed)) {
                    // The pending balance is the other guarded account: a decline emptied it first.
                    throw new PaymentDeclinedException(p.ref);
                }
                // Another recharge repaid the debt meanwhile: read it again. Never report this as a decline: the
                // money was captured, and the caller must retry until the coins are credited.
                if (attempt + 1 >= REFUND_ATTEMPTS) {
                    throw new ConcurrentSpendingException(p.user, attempt + 1);
                }
                Lots.backoff(p.user, attempt);
            }
        }
        if (applied.replay()) {
            return replayedCredit(p, applied);
        }
        RechargeReceipt receipt = receipt(p, applied, RechargeReceipt.Status.CREDITED);
        CoinsCredited event = new CoinsCredited(receipt);
        Listeners.call(listener, event, RechargeListener::onCoinsCredited, event);
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
                reversalsOf(tx),
                Long.parseLong(a.getOrDefault("parts-not-reversed", "0")),
                true);
    }

    private static List<HoldReversal> reversalsOf(AppliedTransaction tx) {
        List<HoldReversal> out = new ArrayList<>();
        for (Entry e : tx.entries()) {
            if (e.account().type() == AccountType.CREATOR_HOLD && e.amount() < 0) {
                out.add(new HoldReversal(
                        e.account().owner().orElseThrow(),
                        e.account().reference().orElseThrow(),
                        -e.amount()));
            }
        }
        return out;
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
        return Keys.RECHARGE.key(ref);
    }

    private static IdempotencyKey pendingKey(String ref) {
        return Keys.PENDING.key(ref);
    }

    private static IdempotencyKey declinedKey(String ref) {
        return Keys.DECLINED.key(ref);
    }

    private static IdempotencyKey refundKey(String refundId) {
        if (refundId.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException("a refund id must be at most " + MAX_REFERENCE + " characters");
        }
        return Keys.REFUND.key(refundId);
    }

    private static AccountId pendingAccount(Purchase p) {
        return AccountId.member(AccountType.PAYMENT_PENDING, p.user, p.hash);
    }

    private static AccountId lotAccount(Purchase p) {
        return AccountId.member(AccountType.COIN_LOT, p.user, p.hash);
    }

    /** A purchase as recorded on its transactions. */
    private static final class Purchase {
        final String ref;
        final UserId user;
        final ChannelId channel;
        final long paidCoins;
        final long bonusCoins;
        final MonetaryAmount amount;
        /**
         * The first 40 hex digits of the reference's SHA-256, naming the purchase's accounts: account references are
         * short and of a restricted alphabet, provider ids are neither (the transactions carry the reference itself).
         */
        final String hash;

        Purchase(String ref, UserId user, ChannelId channel, long paidCoins, long bonusCoins, MonetaryAmount amount) {
            this.ref = ref;
            this.user = user;
            this.channel = channel;
            this.paidCoins = paidCoins;
            this.bonusCoins = bonusCoins;
            this.amount = amount;
            this.hash = Lots.purchaseHash(ref);
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
        private Clock clock = Clock.systemUTC();

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
         * Builds the use case.
         *
         * @return the use case, never null
         */
        public Recharges build() {
            return new Recharges(this);
        }
    }
}
