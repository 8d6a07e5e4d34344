package dev.coinage.gift;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.Gift;
import dev.coinage.catalog.NetRevenueShare;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.AbuseAccounts;
import dev.coinage.engine.Keys;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.recharge.Recharges;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.MemberState;
import dev.coinage.spi.UserLimits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a gift request into its ledger transaction, after every check ({@link Eligibility}, {@link SpendingCaps}) and
 * the picking of its lots ({@link LotPicker}), before anything is written. The transaction debits the sender's coins
 * and the lots they came from, credits the creator's hold account with the gift's diamond parts (less the residue in
 * platform-residue mode), links each lot to the creator's hold period, and debits the allowances of the capped spans.
 *
 * <p>This class is thread-safe.
 */
final class GiftTransactions {
    /** The kind of a gift's transaction and entries. */
    static final String KIND = "gift";

    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    private static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);
    private static final AccountId PARTS_RESIDUE = AccountId.system(AccountType.PARTS_RESIDUE);
    private static final AccountId PARTS_LINKED = AccountId.system(AccountType.PARTS_LINKED);
    private static final AccountId FLOWS = AccountId.system(AccountType.ALLOWANCE_GRANTED);

    /** What a gift reads of its sender at once: their unspent lots and their wallet's freeze. */
    private static final List<AccountType> SENDER_ACCOUNTS =
            List.of(AccountType.LOT_PAID, AccountType.LOT_BONUS, AccountType.WALLET_FREEZE);

    private final LedgerStore store;
    private final UserLimits userLimits;
    /** Whether the members' own caps are the store's, so that one read gets them with the sender's accounts. */
    private final boolean ownCapsInStore;

    private final Eligibility eligibility;
    private final SpendingCaps caps;
    private final LotPicker lots;
    private final LotCosts costs;
    private final PeriodNames names;
    private final LinkNames linkNames = new LinkNames();
    private final long numerator;
    private final long partsPerDiamond;
    private final ConversionMode mode;
    private final Velocity velocity;
    private final boolean flows;
    /** The net-revenue shares, null in the per-coin mode. */
    private final NetRevenueShare net;

    GiftTransactions(
            EconomyDefinition definition,
            LedgerStore store,
            UserLimits userLimits,
            Eligibility eligibility,
            SpendingCaps caps,
            LotPicker lots,
            LotCosts costs,
            PeriodNames names,
            Velocity velocity,
            AbusePolicy abuse) {
        this.store = store;
        this.userLimits = userLimits;
        this.ownCapsInStore = userLimits == store.userLimits();
        this.eligibility = eligibility;
        this.caps = caps;
        this.lots = lots;
        this.costs = costs;
        this.names = names;
        this.numerator = definition.earnings().share().numerator();
        this.partsPerDiamond = definition.earnings().partsPerDiamond();
        this.mode = definition.earnings().mode();
        this.velocity = velocity;
        this.flows = abuse.flagsCircularFlows();
        this.net = definition.earnings().netRevenue().orElse(null);
    }

    /** The key of a gift's transaction in the store, from the caller's key. */
    static IdempotencyKey transactionKey(IdempotencyKey key) {
        return Keys.GIFT.key(key.value());
    }

    /** What a retry with the same key must repeat to be a replay. */
    static Fingerprint fingerprint(GiftRequest r) {
        return Fingerprint.builder(KIND)
                .add(r.sender().value())
                .add(r.creator().value())
                .add(r.gift().value())
                .add(r.count())
                .add(r.context().name())
                .add(r.contextId())
                .build();
    }

    /**
     * Checks a gift and builds its transaction. Every check happens here, before anything is written, in the order
     * {@code docs/gifting.md} gives. {@code lotsTaken} holds the lots earlier gifts of the same batch took (updated; null
     * for a single gift).
     */
    PreparedGift prepare(
            GiftRequest r, Instant at, IdempotencyKey txKey, Fingerprint fingerprint, Map<AccountId, Long> lotsTaken) {
        Gift gift = eligibility.offered(r, at);
        long coins = exact(gift.coins(), "price", r.count(), "count");
        long parts = net == null ? exact(coins, "coins", numerator, "share numerator") : 0;
        // One read of the sender: the lots the gift may take, whether the wallet is frozen, and their own caps.
        MemberState state = readSender(r.sender());
        List<AccountBalance> sender = state.accounts();
        Optional<String> tier = eligibility.checkParties(r, gift, at, Recharges.isFrozen(sender));
        Map<AccountId, Cap> allowances = caps.check(r.sender(), state.ownCaps(), coins, at);
        Map<AccountId, Velocity.Limit> limits = velocity.limits(r.sender(), r.creator(), at);
        // The store's guard decides atomically; picking the lots first spares a refused gift the preparatory writes.
        List<Lots.Take> takes = lots.take(r.sender(), coins, lotsTaken, at, sender);
        // Limits set in money count the coins at what they cost: known once the lots are picked.
        long micros = 0;
        if (caps.needsCost()) {
            micros = costs.micros(takes);
            Map<AccountId, Cap> atCost = caps.atCost(r.sender(), micros, coins, at);
            if (!atCost.isEmpty()) {
                Map<AccountId, Cap> all = new TreeMap<>(allowances);
                all.putAll(atCost);
                allowances = all;
            }
        }
        long[] takeParts = net == null ? null : netParts(takes, tier);
        if (takeParts != null) {
            parts = takeParts[takes.size()];
        }
        return build(r, at, txKey, fingerprint, coins, micros, parts, takes, takeParts, allowances, limits);
    }

    /**
     * The sender's lots, wallet freeze and own caps: in one read of the store when the caps are kept there, else the
     * accounts from the store and the caps from where the host keeps them.
     */
    private MemberState readSender(UserId sender) {
        if (ownCapsInStore) {
            return store.memberState(sender, SENDER_ACCOUNTS, Lots.PAGE);
        }
        List<AccountBalance> accounts = store.memberAccounts(sender, SENDER_ACCOUNTS, Lots.PAGE);
        return new MemberState(accounts, userLimits.findAll(sender));
    }

    /**
     * The parts each take earns in the net-revenue mode: its coins × their net unit value × the share in basis points
     * (the tier's if it has one, else the one recorded for the lot's channel), exactly; the last element is their sum.
     */
    private long[] netParts(List<Lots.Take> takes, Optional<String> tier) {
        long tierBasisPoints = net.tierBasisPoints(tier).orElse(0L);
        long[] out = new long[takes.size() + 1];
        long total = 0;
        for (int i = 0; i < takes.size(); i++) {
            Lots.Take t = takes.get(i);
            long[] unit = costs.netUnit(t.lot());
            long bp = tierBasisPoints > 0 ? tierBasisPoints : unit[1];
            out[i] = exact(exact(t.coins(), "coins", unit[0], "net unit value"), "net", bp, "share");
            total = Math.addExact(total, out[i]);
        }
        out[takes.size()] = total;
        return out;
    }

    private PreparedGift build(
            GiftRequest r,
            Instant at,
            IdempotencyKey txKey,
            Fingerprint fingerprint,
            long coins,
            long micros,
            long parts,
            List<Lots.Take> takes,
            long[] takeParts,
            Map<AccountId, Cap> allowances,
            Map<AccountId, Velocity.Limit> limits) {
        AccountId wallet = AccountId.userCoins(r.sender());
        String hour = names.hour(at);
        AccountId hold = AccountId.creatorHold(r.creator(), hour);
        TransactionRequest.Builder tx = TransactionRequest.builder(txKey, KIND)
                .fingerprint(fingerprint)
                .debit(wallet, coins)
                .credit(CONSUMED, coins)
                .debit(PARTS_ISSUED, parts);
        long residue = 0;
        long held = parts;
        if (mode == ConversionMode.PLATFORM_RESIDUE) {
            residue = parts % partsPerDiamond;
            held = parts - residue;
        }
        boolean linkParts = mode == ConversionMode.PLATFORM_RESIDUE || takeParts != null;
        // The lots consumed, and the link from each purchase to this creator's hold period (docs/recharge.md). In
        // platform-residue mode the held parts are linked too, split by coins (the rounding to the last lot), since
        // they are not a fixed multiple of the coins.
        Set<AccountId> linked;
        long linkedParts = 0;
        if (takes.size() == 1) {
            // The usual gift, from one lot: its links credited as they are, without a map to merge them.
            Lots.Take take = takes.get(0);
            tx.debit(take.lot(), take.coins());
            LinkNames.Link link = linkNames.link(take.lot(), r.creator(), hour);
            tx.credit(link.gifted(), take.coins());
            long share = linkParts && held > 0 ? (takeParts != null ? Math.min(takeParts[0], held) : held) : 0;
            if (share > 0) {
                tx.credit(link.held(), share);
                linkedParts = share;
                linked = Set.of(link.gifted(), link.held());
            } else {
                linked = Set.of(link.gifted());
            }
        } else {
            Map<AccountId, Long> links = new LinkedHashMap<>(4);
            for (int i = 0; i < takes.size(); i++) {
                Lots.Take take = takes.get(i);
                tx.debit(take.lot(), take.coins());
                LinkNames.Link link = linkNames.link(take.lot(), r.creator(), hour);
                links.merge(link.gifted(), take.coins(), Long::sum);
                if (linkParts && held > 0) {
                    // Net revenue: each lot's own parts (less the residue, from the last lots); per coin: split by
                    // coins.
                    long share = takeParts != null
                            ? Math.min(takeParts[i], held - linkedParts)
                            : i == takes.size() - 1 ? held - linkedParts : Lots.mulDiv(held, take.coins(), coins);
                    linkedParts += share;
                    if (share > 0) {
                        links.merge(link.held(), share, Long::sum);
                    }
                }
            }
            links.forEach(tx::credit);
            linked = links.keySet();
        }
        if (linkedParts > 0) {
            tx.debit(PARTS_LINKED, linkedParts);
        }
        if (held > 0) {
            tx.credit(hold, held);
        }
        if (residue > 0) {
            tx.credit(PARTS_RESIDUE, residue);
        }
        long used = 0;
        // The maps are usually empty, and iterating an empty map still makes an iterator: they are looked at first.
        if (!allowances.isEmpty()) {
            for (Map.Entry<AccountId, Cap> allowance : allowances.entrySet()) {
                long amount = allowance.getValue().atCost() ? micros : coins;
                if (amount > 0) {
                    tx.debit(allowance.getKey(), amount);
                    used = Math.addExact(used, amount);
                }
            }
        }
        // Each gift takes one from each velocity allowance.
        if (!limits.isEmpty()) {
            for (AccountId allowance : limits.keySet()) {
                tx.debit(allowance, 1);
                used = Math.addExact(used, 1);
            }
        }
        if (used > 0) {
            tx.credit(Allowances.ALLOWANCE_USED, used);
        }
        AccountId flow = null;
        if (flows) {
            flow = AbuseAccounts.flow(r.sender(), r.creator());
            tx.debit(FLOWS, coins).credit(flow, coins);
        }
        if (held == 0) {
            // No hold posting names the period: record it, so the receipt names the gift's own period.
            tx.attribute(GiftReceipts.HOLD_PERIOD, hour);
        }
        tx.attribute("gift", r.gift().value())
                .attribute("count", Long.toString(r.count()))
                .attribute("context", r.context().name())
                .attribute("context-id", r.contextId());
        return new PreparedGift(r, tx.build(), wallet, hold, takes, allowances, linked, limits, flow);
    }

    /** {@code a × b}; the names say what overflowed (the message is built only then, not on every gift). */
    private static long exact(long a, String aName, long b, String bName) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(aName + " " + a + " × " + bName + " " + b + " overflows a long", e);
        }
    }
}
