package dev.coinage.recharge;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.core.UserId;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.spi.LedgerStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The diamond parts a refund takes back from creators' holds: the refunded purchase's spent coins are attributed to
 * the gifts they paid for through the purchase's lot-to-gift links, newest hold period first. Thread-safe (reads only).
 */
final class HoldReversals {
    private static final int PAGE = 500;

    private final LedgerStore store;
    private final ConversionMode mode;
    private final long numerator;
    private final boolean partsLinked;

    HoldReversals(LedgerStore store, ConversionMode mode, long numerator, boolean netRevenue) {
        this.store = store;
        this.mode = mode;
        this.numerator = numerator;
        // Held parts are linked to purchases when they are not a fixed multiple of the coins.
        this.partsLinked = netRevenue || mode == ConversionMode.PLATFORM_RESIDUE;
    }

    /**
     * Coins of a refunded purchase spent on gifts to one creator in one hold period, claimed from their link: the parts
     * those coins earned and what the creator's hold still has.
     */
    record Reversal(
            AccountId gifted,
            long coins,
            AccountId heldLink,
            long linkedParts,
            AccountId hold,
            long parts,
            long inHold) {

        /** The parts that {@code k} of the claimed coins earned (the rounding goes to the last coin). */
        long partsFor(long k) {
            return k == coins ? parts : Lots.mulDiv(parts, k, coins);
        }

        /**
         * The claimed coins the creator can cover from the hold, at most {@code want}: a coin whose parts were kept by
         * the platform or already released is covered by nobody's hold.
         */
        long coverable(long want) {
            long max = parts == 0 ? 0 : parts <= inHold ? coins : Lots.mulDiv(inHold, coins, parts);
            return Math.min(max, want);
        }

        /** The parts that {@code want} of the claimed coins earned and that the hold no longer has: released already. */
        long released(long want) {
            return partsFor(want) - partsFor(coverable(want));
        }

        /**
         * The claimed coins the creator covers, at most {@code want}: from the hold, and with {@code takeBack} also
         * those whose parts were released already, if they earned any.
         */
        long covers(long want, boolean takeBack) {
            return takeBack && released(want) > 0 ? want : coverable(want);
        }
    }

    /**
     * Attributes a refunded purchase's spent coins to the gifts they paid for, newest hold period first (the likeliest
     * to be still on hold), with the parts they earned and what each hold still has; the refund decides how many of
     * them the creators cover.
     */
    List<Reversal> reversals(PurchaseRecord p, long spent) {
        if (spent <= 0) {
            return List.of();
        }
        String hash = p.hash().substring(0, Lots.HASH);
        String prefix = hash + ".";
        List<AccountId> links = new ArrayList<>();
        // "-" sorts before ".", so this name precedes every link of the purchase and follows those of lower hashes.
        AccountId after = AccountId.member(AccountType.LOT_GIFTED, p.user(), hash + "-");
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
            if (partsLinked) {
                heldLink = Lots.held(creator, hash, period);
                long held = store.exists(heldLink) ? store.balance(heldLink) : 0;
                linkedParts = coins == linked ? held : Lots.mulDiv(held, coins, linked);
                parts = linkedParts;
            } else {
                parts = Math.multiplyExact(coins, numerator);
            }
            AccountId hold = AccountId.creatorHold(creator, period);
            long inHold = store.exists(hold) ? Math.max(0, store.balance(hold)) : 0;
            out.add(new Reversal(gifted, coins, heldLink, linkedParts, hold, parts, inHold));
        }
        return out;
    }

    /**
     * The parts a refund took back after their release, read from its entries: per creator, the carry it debited (less
     * what a broken diamond gave back), the diamonds it debited and the debt it made; sorted by creator.
     */
    static List<ReleaseReversal> takenBackBy(AppliedTransaction tx, long partsPerDiamond) {
        java.util.Map<UserId, long[]> per = new java.util.TreeMap<>();
        for (Entry e : tx.entries()) {
            AccountType t = e.account().type();
            int i = t == AccountType.CREATOR_CARRY
                    ? 0
                    : t == AccountType.CREATOR_DIAMONDS ? 1 : t == AccountType.CREATOR_DEBT ? 2 : -1;
            if (i >= 0) {
                per.computeIfAbsent(e.account().owner().orElseThrow(), c -> new long[3])[i] += e.amount();
            }
        }
        List<ReleaseReversal> out = new ArrayList<>();
        for (java.util.Map.Entry<UserId, long[]> c : per.entrySet()) {
            long[] a = c.getValue();
            long parts = -a[0] - Math.multiplyExact(a[1], partsPerDiamond) - a[2];
            out.add(new ReleaseReversal(c.getKey(), parts, -a[1], -a[2]));
        }
        return out;
    }

    /** The reversals a refund applied, read from its entries: the holds it debited. */
    static List<HoldReversal> appliedBy(AppliedTransaction tx) {
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

    private static String period(AccountId link) {
        String ref = link.reference().orElseThrow();
        return ref.substring(ref.indexOf('.') + 1);
    }
}
