package dev.coinage.recharge;

import static dev.coinage.recharge.References.rechargeKey;
import static dev.coinage.recharge.References.refundKey;
import static dev.coinage.recharge.SystemAccounts.CREATOR_DEBTS;
import static dev.coinage.recharge.SystemAccounts.DIAMONDS_ISSUED;
import static dev.coinage.recharge.SystemAccounts.ISSUED_BONUS;
import static dev.coinage.recharge.SystemAccounts.ISSUED_PAID;
import static dev.coinage.recharge.SystemAccounts.PARTS_CARRY_ROOM;
import static dev.coinage.recharge.SystemAccounts.PARTS_CONVERTED;
import static dev.coinage.recharge.SystemAccounts.PARTS_ISSUED;
import static dev.coinage.recharge.SystemAccounts.PARTS_LINKED;
import static dev.coinage.recharge.SystemAccounts.PARTS_LOSS;
import static dev.coinage.recharge.SystemAccounts.PARTS_TAKEN_BACK;
import static dev.coinage.recharge.SystemAccounts.PURCHASES;

import dev.coinage.catalog.ReleasedPartsPolicy;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.Listeners;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Refunds and chargebacks: one transaction per refund id that claws back the purchase's unspent coins, recovers its
 * spent ones from the member's other lots, applies the {@link DebtPolicy} to the rest and reverses the diamond parts
 * still on hold. Thread-safe: balances are read, then the store's guard accepts the transaction or the refund reads
 * again.
 */
final class Refunds {
    /** Attempts that recover spent coins from the member's lots, as a gift picks them. */
    private static final int OPTIMISTIC = Lots.ATTEMPTS;
    /** All attempts: the later ones settle (see {@link #plan}), which racing gifts can no longer fail. */
    private static final int ATTEMPTS = 2 * Lots.ATTEMPTS;

    private final LedgerStore store;
    private final DebtPolicy debtPolicy;
    private final RechargeListener listener;
    private final HoldReversals holdReversals;
    private final RefundOrder order;
    private final boolean takeBack;
    private final long partsPerDiamond;

    Refunds(
            LedgerStore store,
            DebtPolicy debtPolicy,
            RefundOrder order,
            ReleasedPartsPolicy released,
            long partsPerDiamond,
            RechargeListener listener,
            HoldReversals holdReversals) {
        this.store = store;
        this.takeBack = released == ReleasedPartsPolicy.TAKE_FROM_AVAILABLE;
        this.partsPerDiamond = partsPerDiamond;
        this.debtPolicy = debtPolicy;
        this.order = order;
        this.listener = listener;
        this.holdReversals = holdReversals;
    }

    /** One computed attempt at a refund: the transaction to apply and what it does. */
    private record Plan(TransactionRequest tx, RefundResult result) {}

    RefundResult refund(RefundRequest request) {
        String ref = References.check(request.purchase());
        IdempotencyKey key = refundKey(request.refundId());
        Fingerprint fingerprint = Fingerprint.builder("refund")
                .add(request.refundId())
                .add(ref)
                .add(request.coins().isPresent() ? Long.toString(request.coins().getAsLong()) : "full")
                .add(request.kind().name())
                .build();
        Optional<AppliedTransaction> prior = store.find(key);
        if (prior.isPresent()) {
            return replayed(key, fingerprint, prior.get());
        }
        AppliedTransaction recorded = store.find(rechargeKey(ref)).orElseThrow(() -> new UnknownPurchaseException(ref));
        PurchaseRecord p = PurchaseRecord.from(ref, recorded);
        List<AccountId> own = p.ownLots(recorded);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // After OPTIMISTIC attempts lost to a busy wallet, the refund stops competing for the member's lots.
            Plan plan = plan(request, key, fingerprint, p, own, attempt >= OPTIMISTIC);
            AppliedTransaction applied;
            try {
                applied = store.apply(plan.tx());
            } catch (InsufficientBalanceException e) {
                // The wallet was spent, a lot consumed or refunded, a debt repaid or a hold released meanwhile: read
                // again.
                if (attempt + 1 < ATTEMPTS) {
                    Lots.backoff(p.user(), attempt % OPTIMISTIC);
                }
                continue;
            }
            if (applied.replay()) {
                return replayed(key, fingerprint, applied);
            }
            RefundResult result = plan.result();
            RefundApplied event = new RefundApplied(p.user(), result);
            Listeners.call(listener, event, RechargeListener::onRefundApplied, event);
            if (result.frozen()) {
                WalletFrozen frozeEvent = new WalletFrozen(p.user(), request.refundId());
                Listeners.call(listener, frozeEvent, RechargeListener::onWalletFrozen, frozeEvent);
            }
            return result;
        }
        throw new ConcurrentSpendingException(p.user(), ATTEMPTS);
    }

    /**
     * Reads the balances and computes the refund's transaction. A settling refund ({@code settle}) debits none of the
     * member's lots, which gifts from the same wallet consume concurrently: what it would have clawed back from them
     * is taken from the wallet into debt (or, under the freeze-only policy, written off and the wallet frozen), so
     * that only other refunds of the purchase and hold releases can still make it read again.
     */
    private Plan plan(
            RefundRequest request,
            IdempotencyKey key,
            Fingerprint fingerprint,
            PurchaseRecord p,
            List<AccountId> own,
            boolean settle) {
        String ref = p.ref();
        AccountId wallet = p.wallet();
        AccountId lot = p.lotAccount();
        AccountId frozen = Freezes.account(p.user());
        AccountId owed = p.debtAccount();
        long refundable = store.balance(lot);
        long coins = request.coins().orElse(refundable);
        if (coins > refundable || coins == 0) {
            throw new RefundExceedsPurchaseException(ref, coins, refundable);
        }
        long paidLeft = Math.max(0, p.paidCoins() - (p.total() - refundable));
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
        long spent = coins - fromOwn;
        // 2. Its coins already spent, each recovered once: from the member's other unspent coins (first in first out,
        // bonus last) and from the diamond parts they earned creators that are still on hold (or, taking released
        // parts back, released already), in the order the RefundOrder gives; what neither covers is debt or written
        // off.
        List<HoldReversals.Reversal> claims = holdReversals.reversals(p, spent);
        long fromOthers = 0;
        long fromCreators;
        long asked;
        if (order == RefundOrder.VIEWER_FIRST) {
            fromOthers = others(p, own, Math.min(spent, budget - fromOwn), takes);
            asked = spent - fromOthers;
            fromCreators = creatorsCover(claims, asked);
        } else {
            asked = spent;
            fromCreators = creatorsCover(claims, asked);
            fromOthers = others(p, own, Math.min(spent - fromCreators, budget - fromOwn), takes);
        }
        long clawedBack = fromOwn + fromOthers;
        long shortfall = coins - clawedBack - fromCreators;
        boolean intoDebt = shortfall > 0 && debtPolicy != DebtPolicy.FREEZE;
        boolean freeze = shortfall > 0 && debtPolicy != DebtPolicy.ALLOW_DEBT;
        if (settle) {
            // The wallet is debited as much as above under the debt policies, and it stays = unspent lots - debt. The
            // freeze is decided by what the member's coins covered when read, except that a write-off always freezes.
            takes.clear();
            clawedBack = 0;
            shortfall = coins - fromCreators;
            intoDebt = debtPolicy != DebtPolicy.FREEZE;
            freeze = debtPolicy == DebtPolicy.FREEZE || freeze;
        }
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
        Map<UserId, Long> fromRelease = new TreeMap<>();
        long ask = asked;
        for (HoldReversals.Reversal r : claims) {
            tx.debit(r.gifted(), r.coins());
            toLots += r.coins();
            if (r.linkedParts() > 0) {
                tx.debit(r.heldLink(), r.linkedParts());
                linkedBack += r.linkedParts();
            }
            // The creators cover the coins asked of them, newest hold period first. The parts of a coin released
            // already are taken back from the creator after release (then the creator covers the coin) or left with
            // the creator as the platform's loss (then the member covers the coin).
            long want = Math.min(r.coins(), ask);
            long covered = r.covers(want, takeBack);
            ask -= covered;
            long parts = r.partsFor(r.coverable(want));
            if (parts > 0) {
                tx.debit(r.hold(), parts);
                partsBack += parts;
                done.add(new HoldReversal(
                        r.hold().owner().orElseThrow(), r.hold().reference().orElseThrow(), parts));
            }
            long released = r.partsFor(want) - parts;
            if (takeBack) {
                if (released > 0) {
                    fromRelease.merge(r.hold().owner().orElseThrow(), released, Long::sum);
                }
            } else {
                notReversed += released;
            }
        }
        List<ReleaseReversal> takenBack = new ArrayList<>();
        long partsTakenBack = 0;
        long[] system = new long[4];
        for (Map.Entry<UserId, Long> c : fromRelease.entrySet()) {
            ReleaseReversal back = takeBack(tx, c.getKey(), c.getValue(), system);
            takenBack.add(back);
            partsTakenBack += back.parts();
        }
        if (partsTakenBack > 0) {
            tx.credit(PARTS_TAKEN_BACK, partsTakenBack);
            if (system[0] > 0) {
                tx.credit(PARTS_CARRY_ROOM, system[0]);
            } else if (system[0] < 0) {
                tx.debit(PARTS_CARRY_ROOM, -system[0]);
            }
            if (system[1] > 0) {
                tx.credit(DIAMONDS_ISSUED, system[1]).debit(PARTS_CONVERTED, system[2]);
            }
            if (system[3] > 0) {
                tx.debit(CREATOR_DEBTS, system[3]);
            }
        }
        if (notReversed > 0) {
            // The parts stay with the creators: issued for coins the platform did not keep, they are its loss.
            tx.debit(PARTS_LOSS, notReversed);
        }
        if (toLots > 0) {
            tx.credit(Lots.LOTS, toLots);
        } else if (toLots < 0) {
            tx.debit(Lots.LOTS, -toLots);
        }
        if (linkedBack > 0) {
            tx.credit(PARTS_LINKED, linkedBack);
        }
        if (partsBack + notReversed > 0) {
            tx.credit(PARTS_ISSUED, partsBack + notReversed);
        }
        RefundResult result = new RefundResult(
                request.refundId(),
                ref,
                request.kind(),
                coins,
                clawedBack,
                debt,
                writtenOff,
                fromCreators,
                freeze,
                done,
                notReversed,
                takenBack,
                false);
        tx.attribute("purchase", ref)
                .attribute("user", p.user().value())
                .attribute("refund", request.refundId())
                .attribute("refund-kind", request.kind().name())
                .attribute("coins", Long.toString(coins))
                .attribute("clawed-back", Long.toString(clawedBack))
                .attribute("debt", Long.toString(debt))
                .attribute("written-off", Long.toString(writtenOff))
                .attribute("creators-covered", Long.toString(fromCreators))
                .attribute("refund-order", order.name())
                .attribute("frozen", Boolean.toString(freeze))
                .attribute("parts-not-reversed", Long.toString(notReversed))
                .attribute("parts-taken-back", Long.toString(partsTakenBack))
                .fingerprint(fingerprint);
        return new Plan(tx.build(), result);
    }

    /**
     * Adds the postings that take {@code parts} released already back from a creator: from the carry first, then from
     * whole diamonds (broken into parts, the unused ones going back to the carry, which the carry was emptied for), and
     * the rest into the creator's debt. The carry room mirrors the carry as a release keeps it; the debt's mirror
     * lets later releases repay no more than is owed. The system accounts' sides are added to {@code system} (carry
     * room granted back, diamonds unissued, parts unconverted, debts) for the caller to post once, with the parts to
     * {@code parts-taken-back}.
     */
    private ReleaseReversal takeBack(TransactionRequest.Builder tx, UserId creator, long parts, long[] system) {
        AccountId carry = AccountId.creatorCarry(creator);
        AccountId diamonds = AccountId.creatorDiamonds(creator);
        long carried = store.exists(carry) ? Math.max(0, store.balance(carry)) : 0;
        long available = store.exists(diamonds) ? Math.max(0, store.balance(diamonds)) : 0;
        long fromCarry = Math.min(carried, parts);
        long rest = parts - fromCarry;
        long whole = Math.min(available, rest / partsPerDiamond + (rest % partsPerDiamond == 0 ? 0 : 1));
        long broken = Math.multiplyExact(whole, partsPerDiamond);
        long fromDiamonds = Math.min(rest, broken);
        long change = broken - fromDiamonds - fromCarry;
        AccountId room = AccountId.member(AccountType.CREATOR_CARRY_ROOM, creator);
        if (change < 0) {
            tx.debit(carry, -change).credit(room, -change);
        } else if (change > 0) {
            tx.credit(carry, change).debit(room, change);
        }
        system[0] += change;
        if (whole > 0) {
            tx.debit(diamonds, whole);
            system[1] += whole;
            system[2] += broken;
        }
        long debt = rest - fromDiamonds;
        if (debt > 0) {
            AccountId owed = AccountId.member(AccountType.CREATOR_DEBT, creator);
            AccountId due = AccountId.member(AccountType.CREATOR_DEBT_DUE, creator);
            store.open(owed);
            store.open(due);
            tx.debitIntoDebt(owed, debt).credit(due, debt);
            system[3] += debt;
        }
        return new ReleaseReversal(creator, parts, whole, debt);
    }

    /** Takes up to {@code coins} from the member's lots other than the purchase's own, adding the takes. */
    private long others(PurchaseRecord p, List<AccountId> own, long coins, List<Lots.Take> takes) {
        if (coins <= 0) {
            return 0;
        }
        List<Lots.Take> others = Lots.allocate(store, p.user(), coins, new HashMap<>(), Set.copyOf(own));
        takes.addAll(others);
        return Lots.total(others);
    }

    /**
     * The claimed coins the creators can cover, at most {@code want}, newest hold period first: from their holds, and
     * when released parts are taken back, also those whose parts were released.
     */
    private long creatorsCover(List<HoldReversals.Reversal> claims, long want) {
        long covered = 0;
        for (HoldReversals.Reversal r : claims) {
            covered += r.covers(Math.min(r.coins(), want - covered), takeBack);
        }
        return covered;
    }

    private RefundResult replayed(IdempotencyKey key, Fingerprint fingerprint, AppliedTransaction tx) {
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
                Long.parseLong(a.getOrDefault("creators-covered", "0")),
                Boolean.parseBoolean(a.get("frozen")),
                HoldReversals.appliedBy(tx),
                Long.parseLong(a.getOrDefault("parts-not-reversed", "0")),
                HoldReversals.takenBackBy(tx, partsPerDiamond),
                true);
    }
}
