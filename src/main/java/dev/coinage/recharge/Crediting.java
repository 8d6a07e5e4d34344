package dev.coinage.recharge;

import static dev.coinage.recharge.References.declinedKey;
import static dev.coinage.recharge.References.pendingKey;
import static dev.coinage.recharge.References.rechargeKey;
import static dev.coinage.recharge.SystemAccounts.ISSUED_BONUS;
import static dev.coinage.recharge.SystemAccounts.ISSUED_PAID;
import static dev.coinage.recharge.SystemAccounts.PURCHASES;

import dev.coinage.catalog.NetRevenueShare;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.engine.AbuseAccounts;
import dev.coinage.engine.Listeners;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.spi.LedgerStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Credits a purchase's coins once: the wallet, the purchase's lot and its unspent-coin lots, repaying a debt first.
 * Thread-safe: every decision is made by the store's guard on one transaction.
 */
final class Crediting {
    private final LedgerStore store;
    private final RechargeListener listener;
    private final Clock clock;
    private final AbusePolicy abuse;
    private final NetRevenueShare net;

    Crediting(
            LedgerStore store,
            RechargeListener listener,
            Clock clock,
            AbusePolicy abuse,
            Optional<NetRevenueShare> net) {
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.abuse = abuse;
        this.net = net.orElse(null);
    }

    /**
     * The net money behind one paid coin, in 10<sup>-9</sup> of the base currency, rounded down: its cost times the
     * share of the amount left after the store's fee and the tax; 0 if the cost is unknown or nothing is left.
     */
    static long netUnit(PurchaseRecord p) {
        BigDecimal amount = number(p.amount());
        if (p.unitCost() <= 0 || amount.signum() <= 0) {
            return 0;
        }
        BigDecimal left = amount.subtract(number(p.storeFee())).subtract(number(p.tax()));
        if (left.signum() <= 0) {
            return 0;
        }
        BigDecimal nano = BigDecimal.valueOf(p.unitCost())
                .multiply(left)
                .divide(amount.multiply(BigDecimal.valueOf(1_000)), 0, RoundingMode.FLOOR);
        return nano.longValueExact();
    }

    private static BigDecimal number(javax.money.MonetaryAmount a) {
        return a.getNumber().numberValue(BigDecimal.class);
    }

    RechargeReceipt credit(PurchaseRecord p) {
        Optional<AppliedTransaction> credited = store.find(rechargeKey(p.ref()));
        if (credited.isPresent()) {
            return replayedCredit(p, credited.get());
        }
        boolean wasPending = store.find(pendingKey(p.ref())).isPresent();
        if (wasPending && store.find(declinedKey(p.ref())).isPresent()) {
            throw new PaymentDeclinedException(p.ref());
        }
        AccountId wallet = p.wallet();
        AccountId lot = p.lotAccount();
        AccountId owed = p.debtAccount();
        long creditedAt = clock.millis();
        // A large first purchase is held: the wallet has never been credited (a retry after a failure finds it so too).
        boolean hold =
                abuse.holdsFirstPurchases() && p.total() > abuse.firstPurchaseHoldAbove() && neverCredited(wallet);
        AccountId lotPaid = Lots.paid(p.user(), creditedAt, p.hash());
        AccountId lotBonus = Lots.bonus(p.user(), creditedAt, p.hash());
        AccountId lotCost = Lots.cost(p.user(), creditedAt, p.hash());
        store.open(wallet);
        store.open(lot);
        AppliedTransaction applied = null;
        for (int attempt = 0; applied == null; attempt++) {
            // A debt from an earlier refund is repaid first, from the paid coins first: those coins join no lot.
            long debt = store.exists(owed) ? Math.max(0, store.balance(owed)) : 0;
            long repaid = Math.min(debt, p.total());
            long repaidPaid = Math.min(repaid, p.paidCoins());
            long paidLot = p.paidCoins() - repaidPaid;
            long bonusLot = p.bonusCoins() - (repaid - repaidPaid);
            TransactionRequest.Builder tx = TransactionRequest.builder(rechargeKey(p.ref()), "recharge")
                    .credit(wallet, p.total())
                    .credit(lot, p.total());
            if (p.paidCoins() > 0) {
                tx.debit(ISSUED_PAID, p.paidCoins());
            }
            if (p.bonusCoins() > 0) {
                tx.debit(ISSUED_BONUS, p.bonusCoins());
            }
            if (wasPending) {
                tx.debit(p.pendingAccount(), p.total());
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
            if (p.unitCost() > 0 && p.paidCoins() > 0) {
                // What one paid coin cost in the base currency, for spending limits set in money (docs/gifting.md).
                store.open(lotCost);
                tx.credit(lotCost, p.unitCost()).debit(Lots.LOT_COSTS, p.unitCost());
            }
            if (net != null && p.paidCoins() > 0) {
                // What one paid coin earns from, and the share of its channel, for the net-revenue mode.
                long unit = netUnit(p);
                if (unit > 0) {
                    AccountId lotNet = Lots.netOf(lotPaid);
                    AccountId lotShare = Lots.shareOf(lotPaid);
                    long bp = net.channelBasisPoints(p.channel());
                    store.open(lotNet);
                    store.open(lotShare);
                    tx.credit(lotNet, unit).debit(Lots.LOT_NETS, unit);
                    tx.credit(lotShare, bp).debit(Lots.LOT_SHARES, bp);
                }
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
                TransactionRequest credit = p.describe(tx)
                        .attribute("lot-time", Long.toString(creditedAt))
                        .attribute("debt-repaid", Long.toString(repaid))
                        .fingerprint(p.fingerprint("recharge"))
                        .build();
                if (hold) {
                    // The hold is written with the credit, in one atomic unit: a lot is never seen without it.
                    long until =
                            Math.addExact(creditedAt, abuse.firstPurchaseHold().toMillis());
                    store.open(AbuseAccounts.lotHoldAccount(p.user(), p.hash()));
                    applied = store.applyAll(
                                    List.of(credit, AbuseAccounts.lotHold(p.user(), p.hash(), p.total(), until)))
                            .get(0);
                } else {
                    applied = store.apply(credit);
                }
            } catch (InsufficientBalanceException e) {
                if (!e.account().equals(owed)) {
                    // The pending balance is the other guarded account: a decline emptied it first.
                    throw new PaymentDeclinedException(p.ref());
                }
                // Another recharge repaid the debt meanwhile: read it again. Never report this as a decline: the
                // money was captured, and the caller must retry until the coins are credited.
                if (attempt + 1 >= Lots.ATTEMPTS) {
                    throw new ConcurrentSpendingException(p.user(), attempt + 1);
                }
                Lots.backoff(p.user(), attempt);
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

    /** The receipt of a credit already applied, checked against the purchase asked for. */
    static RechargeReceipt replayedCredit(PurchaseRecord asked, AppliedTransaction tx) {
        PurchaseRecord recorded = PurchaseRecord.from(asked.ref(), tx);
        if (!recorded.sameAs(asked)) {
            if (recorded.user().equals(asked.user())
                    && recorded.paidCoins() == asked.paidCoins()
                    && recorded.bonusCoins() == asked.bonusCoins()) {
                throw new PaymentMismatchException(asked.ref(), recorded.amount(), asked.amount());
            }
            throw new IdempotencyConflictException(tx.key());
        }
        return receipt(recorded, tx.asReplay(), RechargeReceipt.Status.CREDITED);
    }

    static RechargeReceipt receipt(PurchaseRecord p, AppliedTransaction tx, RechargeReceipt.Status status) {
        OptionalLong after = tx.replay() || status == RechargeReceipt.Status.PENDING
                ? OptionalLong.empty()
                : tx.balanceAfter(p.wallet());
        return new RechargeReceipt(
                p.ref(), p.user(), status, p.paidCoins(), p.bonusCoins(), p.amount(), after, tx.replay());
    }

    private boolean neverCredited(AccountId wallet) {
        return !store.exists(wallet)
                || store.entries(wallet, PageRequest.oldestFirst(1)).entries().isEmpty();
    }
}
