package dev.coinage.store.memory;

import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The in-memory store's indexes of accounts: each member's and each type's accounts whose balance is not zero
 * ({@link NonZeroAccounts}), kept up to date as balances change, so that listings never scan empty accounts.
 */
final class Indexes {
    private final Accounts accounts;

    Indexes(Accounts accounts) {
        this.accounts = accounts;
        for (int i = 0; i < nonZero.length; i++) {
            nonZero[i] = new NonZeroAccounts(accounts);
        }
    }

    /**
     * Per member: their accounts whose balance is not zero, in text order, for {@link #owned}. The text form starts
     * with the type's code and a colon, so one type's accounts form one range of it.
     */
    private final ConcurrentHashMap<UserId, NonZeroAccounts> byOwner = new ConcurrentHashMap<>();
    /** Per account type: the first text form of its range, {@code "code:"}, and the first after it, {@code "code;"}. */
    private static final String[] RANGE_LOW = new String[AccountType.values().length];

    private static final String[] RANGE_HIGH = new String[AccountType.values().length];

    static {
        for (AccountType t : AccountType.values()) {
            RANGE_LOW[t.ordinal()] = t.code() + ':';
            RANGE_HIGH[t.ordinal()] = t.code() + ';';
        }
    }

    /**
     * Per account type: the accounts whose balance is not zero, in text order, for {@link #nonZero}. Told under the
     * account's lock whenever a balance leaves or reaches zero, so a listing never scans the accounts that are empty
     * (released holds, spent lots), which are most of them in a long-lived ledger, and a balance change costs an
     * append, not an insertion into a sorted structure.
     */
    private final NonZeroAccounts[] nonZero = new NonZeroAccounts[AccountType.values().length];

    /** The sets whose newcomers reached {@link NonZeroAccounts#MERGE_AT}, to be merged by a writer holding no lock. */
    private final ConcurrentLinkedQueue<NonZeroAccounts> toMerge = new ConcurrentLinkedQueue<>();

    /** Keeps the non-zero indexes in step with a balance that changed, holding the account's lock. */
    void balanceChanged(int handle, long before, long after) {
        if (before == 0 && after != 0) {
            AccountId id = accounts.id(handle);
            NonZeroAccounts ofType = nonZero[id.type().ordinal()];
            if (ofType.leftZero(handle)) {
                toMerge.add(ofType);
            }
            UserId owner = id.owner().orElse(null);
            if (owner != null) {
                NonZeroAccounts mine = byOwner.computeIfAbsent(owner, o -> new NonZeroAccounts(accounts));
                if (mine.leftZero(handle)) {
                    toMerge.add(mine);
                }
            }
        } else if (before != 0 && after == 0) {
            AccountId id = accounts.id(handle);
            nonZero[id.type().ordinal()].reachedZero();
            UserId owner = id.owner().orElse(null);
            if (owner != null) {
                byOwner.get(owner).reachedZero();
            }
        }
    }

    /**
     * Merges the sets that asked for it ({@link NonZeroAccounts#leftZero}); called by a writer after it released every
     * lock, so that the sort and copy hold up nobody else's transaction.
     */
    void mergeWaiting() {
        for (NonZeroAccounts set; (set = toMerge.poll()) != null; ) {
            set.sorted();
        }
    }

    List<AccountId> nonZero(AccountType type, AccountId after, int limit) {
        // The type's non-zero accounts after the given one, in id order; each balance is read again, since the index
        // may still hold an account that a transaction has just emptied.
        NonZeroAccounts index = nonZero[type.ordinal()];
        int[] sorted = index.sorted();
        List<AccountId> found = new ArrayList<>(Math.min(limit, 64));
        for (int i = after == null ? 0 : index.firstAfter(sorted, after);
                i < sorted.length && found.size() < limit;
                i++) {
            int h = sorted[i];
            if (accounts.balance(h) != 0) {
                found.add(accounts.id(h));
            }
        }
        return List.copyOf(found);
    }

    List<AccountBalance> owned(UserId owner, AccountType type, AccountId after, int limit) {
        NonZeroAccounts index = byOwner.get(owner);
        if (index == null) {
            return List.of();
        }
        // The type's accounts are the names from "code:" up to, not including, "code;" (';' follows ':').
        String low = RANGE_LOW[type.ordinal()];
        String high = RANGE_HIGH[type.ordinal()];
        int[] sorted = index.sorted();
        int i;
        if (after == null || after.toString().compareTo(low) < 0) {
            i = index.firstFrom(sorted, low);
        } else {
            i = index.firstAfter(sorted, after);
        }
        AccountBalance first = null;
        List<AccountBalance> more = null;
        int found = 0;
        for (; i < sorted.length && found < limit; i++) {
            int h = sorted[i];
            AccountId id = accounts.id(h);
            if (id.toString().compareTo(high) >= 0) {
                break;
            }
            long balance = accounts.balance(h);
            if (balance == 0) {
                continue;
            }
            AccountBalance b = new AccountBalance(id, balance);
            if (found == 0) {
                first = b;
            } else {
                if (more == null) {
                    more = new ArrayList<>(Math.min(limit, 16));
                    more.add(first);
                }
                more.add(b);
            }
            found++;
        }
        return found == 0 ? List.of() : more == null ? List.of(first) : List.copyOf(more);
    }
}
