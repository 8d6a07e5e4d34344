package dev.coinage.engine;

import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.spi.LedgerStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The coin-lot sub-ledger shared by {@code Recharges} and {@code Gifting} (see {@code docs/recharge.md}): how lot
 * accounts are named, and the consumption order, first in first out with bonus coins last.
 *
 * <ul>
 *   <li>{@code lot-paid:<ms>.<h>:<buyer>} and {@code lot-bonus:<ms>.<h>:<buyer>}: a purchase's unspent paid and bonus
 *       coins, where {@code <ms>} is the credit time in epoch milliseconds (13 digits, so the text order is the credit
 *       order) and {@code <h>} the first {@value #HASH} hex digits of the purchase reference's SHA-256;
 *   <li>{@code lot-gifted:<h>.<hold period>:<creator>}: the purchase's coins spent on gifts to that creator in that hold
 *       period and not yet claimed by a refund of the purchase;
 *   <li>{@code debt:<member>}: coins owed after a refund of spent coins.
 * </ul>
 */
public final class Lots {
    public static final AccountId LOTS = AccountId.system(AccountType.LOTS);
    /** Hex digits of the purchase hash in lot names: 96 bits. */
    public static final int HASH = 24;

    /** How many lots of a type are listed at a time. */
    public static final int PAGE = 100;

    private Lots() {}

    /** The consumption order: paid lots, then bonus lots, each oldest first (their names sort by credit time). */
    private static final AccountType[] ORDER = {AccountType.LOT_PAID, AccountType.LOT_BONUS};

    /** One debit of a lot. */
    public record Take(AccountId lot, long coins) {}

    /** The first 40 hex digits of the SHA-256 of a purchase reference (160 bits). */
    public static String purchaseHash(String ref) {
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

    public static AccountId paid(UserId buyer, long creditMillis, String purchaseHash) {
        return AccountId.member(AccountType.LOT_PAID, buyer, lotReference(creditMillis, purchaseHash));
    }

    public static AccountId bonus(UserId buyer, long creditMillis, String purchaseHash) {
        return AccountId.member(AccountType.LOT_BONUS, buyer, lotReference(creditMillis, purchaseHash));
    }

    /**
     * The account recording what one paid coin of a purchase cost, in 10<sup>-12</sup> of the base currency.
     *
     * @param buyer the buyer
     * @param creditMillis the credit time
     * @param purchaseHash the purchase's hash
     * @return the account
     */
    public static AccountId cost(UserId buyer, long creditMillis, String purchaseHash) {
        return AccountId.member(AccountType.LOT_COST, buyer, lotReference(creditMillis, purchaseHash));
    }

    /**
     * The cost account of a paid lot: the same owner and reference.
     *
     * @param paidLot a {@link AccountType#LOT_PAID} account
     * @return its {@link AccountType#LOT_COST} account
     */
    public static AccountId costOf(AccountId paidLot) {
        return AccountId.member(
                AccountType.LOT_COST,
                paidLot.owner().orElseThrow(),
                paidLot.reference().orElseThrow());
    }

    /** The net unit value account of a paid lot (net-revenue mode): the same owner and reference. */
    public static AccountId netOf(AccountId paidLot) {
        return AccountId.member(
                AccountType.LOT_NET,
                paidLot.owner().orElseThrow(),
                paidLot.reference().orElseThrow());
    }

    /** The share account of a paid lot (net-revenue mode): the same owner and reference. */
    public static AccountId shareOf(AccountId paidLot) {
        return AccountId.member(
                AccountType.LOT_SHARE,
                paidLot.owner().orElseThrow(),
                paidLot.reference().orElseThrow());
    }

    /** The system account balancing the recorded net unit values. */
    public static final AccountId LOT_NETS = AccountId.system(AccountType.LOT_NETS);

    /** The system account balancing the recorded shares. */
    public static final AccountId LOT_SHARES = AccountId.system(AccountType.LOT_SHARES);

    /** The system account balancing the recorded unit costs. */
    public static final AccountId LOT_COSTS = AccountId.system(AccountType.LOT_COSTS);

    /** Cost units per unit of the base currency: costs are kept in 10<sup>-12</sup> of it. */
    public static final BigDecimal PICO = BigDecimal.TEN.pow(12);

    private static String lotReference(long creditMillis, String purchaseHash) {
        if (creditMillis < 0 || creditMillis > 9_999_999_999_999L) {
            throw new IllegalArgumentException("a credit time must be 0 to 13 digits of epoch milliseconds");
        }
        // Not String.format: a default locale with other digits (Arabic-Indic, Thai) would break the account name.
        String digits = Long.toString(creditMillis);
        return "0".repeat(13 - digits.length()) + digits + "." + purchaseHash.substring(0, HASH);
    }

    /** The purchase hash a lot account names. */
    public static String hashOf(AccountId lot) {
        String ref = lot.reference().orElseThrow();
        return ref.substring(ref.indexOf('.') + 1);
    }

    public static AccountId gifted(UserId creator, String purchaseHash, String holdPeriod) {
        return AccountId.member(AccountType.LOT_GIFTED, creator, purchaseHash.substring(0, HASH) + "." + holdPeriod);
    }

    public static AccountId held(UserId creator, String purchaseHash, String holdPeriod) {
        return AccountId.member(AccountType.LOT_HELD, creator, purchaseHash.substring(0, HASH) + "." + holdPeriod);
    }

    /**
     * Picks the lots a spending of {@code coins} consumes: the owner's paid lots oldest first, then the bonus lots oldest
     * first. {@code taken} holds what earlier spendings of the same atomic batch took (it is read, not updated); lots
     * in {@code exclude} are skipped. Returns fewer coins than asked if the lots run out.
     */
    public static List<Take> allocate(
            LedgerStore store, UserId owner, long coins, Map<AccountId, Long> taken, Set<AccountId> exclude) {
        return allocate(store, owner, coins, taken, exclude, null);
    }

    /**
     * As {@link #allocate(LedgerStore, UserId, long, Map, Set)}, from the owner's accounts listed just before
     * ({@code listed}: the first page of {@value #PAGE} of each lot type, as {@link LedgerStore#memberAccounts(UserId,
     * List, int)} gives it, possibly with accounts of other types), so that the lots cost no read of their own.
     *
     * @param store the ledger, not null
     * @param owner the member, not null
     * @param coins the coins to take, zero or more
     * @param taken coins already taken from lots by earlier requests of the same batch, not null
     * @param exclude lots not to take from, not null
     * @param listed the owner's accounts listed before, or null to read them
     * @return the takes, never null
     */
    public static List<Take> allocate(
            LedgerStore store,
            UserId owner,
            long coins,
            Map<AccountId, Long> taken,
            Set<AccountId> exclude,
            List<AccountBalance> listed) {
        List<Take> takes = new ArrayList<>(2);
        long left = coins;
        for (AccountType type : ORDER) {
            if (left == 0) {
                break;
            }
            // Every unspent lot of the type, then oldest credit first by the credit time the lot's reference holds:
            // the order the store lists accounts in is not relied on. A member has few unspent lots (they are
            // spent oldest first), so this is usually one short page.
            List<AccountBalance> lots =
                    listed == null ? store.memberAccounts(owner, type, null, PAGE) : ofType(listed, type);
            if (lots.size() == PAGE) {
                List<AccountBalance> all = new ArrayList<>(lots);
                List<AccountBalance> page = lots;
                while (page.size() == PAGE) {
                    page = store.memberAccounts(
                            owner, type, page.get(page.size() - 1).account(), PAGE);
                    all.addAll(page);
                }
                lots = all;
            }
            if (!oldestFirst(lots)) {
                lots = new ArrayList<>(lots);
                lots.sort(OLDEST_FIRST);
            }
            for (AccountBalance lot : lots) {
                if (left == 0) {
                    break;
                }
                if (exclude.contains(lot.account())) {
                    continue;
                }
                long available =
                        taken.isEmpty() ? lot.balance() : lot.balance() - taken.getOrDefault(lot.account(), 0L);
                if (available <= 0) {
                    continue;
                }
                long k = Math.min(available, left);
                takes.add(new Take(lot.account(), k));
                left -= k;
            }
        }
        return takes;
    }

    /** The accounts of a type in a listing, in its order. */
    private static List<AccountBalance> ofType(List<AccountBalance> listed, AccountType type) {
        int first = 0;
        while (first < listed.size() && listed.get(first).account().type() != type) {
            first++;
        }
        int end = first;
        while (end < listed.size() && listed.get(end).account().type() == type) {
            end++;
        }
        return listed.subList(first, end);
    }

    /** Whether the lots are already oldest first (the usual case: no copy, no sort on the gift path). */
    private static boolean oldestFirst(List<AccountBalance> lots) {
        // Each lot's reference read once; compared in place (this runs on every gift of a member with many lots).
        String previous = null;
        for (AccountBalance lot : lots) {
            String reference = lot.account().reference().orElseThrow();
            if (previous != null && compareReferences(previous, reference) > 0) {
                return false;
            }
            previous = reference;
        }
        return true;
    }

    /** Lots by the credit time their reference starts with, then by purchase hash. */
    private static final java.util.Comparator<AccountBalance> OLDEST_FIRST = (a, b) -> compareReferences(
            a.account().reference().orElseThrow(), b.account().reference().orElseThrow());

    /**
     * Two lot references by the credit time they start with, then by the purchase hash after the dot, as
     * {@link String#compareTo} orders the hashes; nothing is allocated.
     */
    private static int compareReferences(String a, String b) {
        int byTime = Long.compare(millisOf(a), millisOf(b));
        if (byTime != 0) {
            return byTime;
        }
        int i = a.indexOf('.') + 1;
        int j = b.indexOf('.') + 1;
        int n = Math.min(a.length() - i, b.length() - j);
        for (int k = 0; k < n; k++) {
            char x = a.charAt(i + k);
            char y = b.charAt(j + k);
            if (x != y) {
                return x - y;
            }
        }
        return (a.length() - i) - (b.length() - j);
    }

    private static long millisOf(String reference) {
        long millis = 0;
        for (int i = 0; i < 13; i++) {
            millis = millis * 10 + (reference.charAt(i) - '0');
        }
        return millis;
    }

    /**
     * The credit time a lot's reference names (its thirteen leading digits), read without allocating.
     *
     * @param lot a lot account, not null
     * @return the credit time in epoch milliseconds
     */
    public static long creditMillis(AccountId lot) {
        return millisOf(lot.reference().orElseThrow());
    }

    /** {@code floor(a × b / c)} for non-negative a, b and positive c, without overflow when the result fits. */
    public static long mulDiv(long a, long b, long c) {
        long low = a * b;
        if (Math.multiplyHigh(a, b) == 0 && low >= 0) {
            return low / c;
        }
        return BigInteger.valueOf(a)
                .multiply(BigInteger.valueOf(b))
                .divide(BigInteger.valueOf(c))
                .longValueExact();
    }

    /** How many times a request that lost a race for a lot is tried in all. */
    public static final int ATTEMPTS = 16;

    /**
     * Pauses after a lost race for a lot before the next attempt: a random 0 to 2^attempt milliseconds (at most 32), so
     * that requests of one member that keep colliding spread out.
     *
     * @throws ConcurrentSpendingException if the thread is interrupted (its interrupt status is kept)
     */
    public static void backoff(UserId user, int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt((1 << Math.min(attempt, 5)) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentSpendingException(user, attempt + 1);
        }
    }

    public static long total(List<Take> takes) {
        long sum = 0;
        for (Take t : takes) {
            sum = Math.addExact(sum, t.coins);
        }
        return sum;
    }
}
