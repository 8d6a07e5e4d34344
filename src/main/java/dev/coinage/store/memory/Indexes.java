package dev.coinage.store.memory;

import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The in-memory store's indexes of accounts: each member's accounts and each type's non-zero accounts, kept up to date
 * as accounts are opened and balances change, so that listings never scan.
 */
final class Indexes {
    private final Accounts accounts;

    Indexes(Accounts accounts) {
        this.accounts = accounts;
    }

    /** An account's text form and handle, ordered by the text form. */
    private static final class Named implements Comparable<Named> {
        final String name;
        final int handle;

        Named(String name, int handle) {
            this.name = name;
            this.handle = handle;
        }

        @Override
        public int compareTo(Named other) {
            return name.compareTo(other.name);
        }
    }

    /**
     * Per member: their accounts by text form, with their handles, for {@link #owned}. The text form starts with the
     * type's code and a colon, so one type's accounts form one range of the set. The name is the account id's cached
     * text form; keeping the handle with it spares a listing a second look-up per account.
     */
    private final ConcurrentHashMap<UserId, ConcurrentSkipListSet<Named>> byOwner = new ConcurrentHashMap<>();
    /** Per account type: the first text form of its range, {@code "code:"}, and the first after it, {@code "code;"}. */
    private static final Named[] RANGE_LOW = new Named[AccountType.values().length];

    private static final String[] RANGE_HIGH = new String[AccountType.values().length];

    static {
        for (AccountType t : AccountType.values()) {
            RANGE_LOW[t.ordinal()] = new Named(t.code() + ':', -1);
            RANGE_HIGH[t.ordinal()] = t.code() + ';';
        }
    }
    /**
     * Per account type: the accounts whose balance is not zero, in id order, for {@link #nonZero}. Kept up to
     * date under the account's lock whenever a balance leaves or reaches zero, so a listing never scans the accounts
     * that are empty (released holds, spent lots), which are most of them in a long-lived ledger.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ConcurrentSkipListMap<AccountId, Integer>[] nonZero =
            new ConcurrentSkipListMap[AccountType.values().length];

    {
        for (int i = 0; i < nonZero.length; i++) {
            nonZero[i] = new ConcurrentSkipListMap<>();
        }
    }

    /** Keeps the non-zero index in step with a balance that changed, holding the account's lock. */
    void balanceChanged(int handle, long before, long after) {
        if (before == 0 && after != 0) {
            AccountId id = accounts.id(handle);
            nonZero[id.type().ordinal()].put(id, handle);
        } else if (before != 0 && after == 0) {
            AccountId id = accounts.id(handle);
            nonZero[id.type().ordinal()].remove(id);
        }
    }

    /** Lists a newly opened account under its owner, before it becomes visible. */
    void opened(AccountId id, int handle) {
        id.owner().ifPresent(owner -> byOwner.computeIfAbsent(owner, o -> new ConcurrentSkipListSet<>())
                .add(new Named(id.toString(), handle)));
    }

    List<AccountId> nonZero(AccountType type, AccountId after, int limit) {
        // The type's non-zero accounts after the given one, in id order; each balance is read again, since the index
        // may be a step behind a transaction that is emptying the account right now.
        ConcurrentSkipListMap<AccountId, Integer> index = nonZero[type.ordinal()];
        List<AccountId> found = new ArrayList<>(Math.min(limit, 64));
        AccountId id;
        if (after == null) {
            Map.Entry<AccountId, Integer> first = index.firstEntry();
            id = first == null ? null : first.getKey();
        } else {
            id = index.higherKey(after);
        }
        for (; id != null && found.size() < limit; id = index.higherKey(id)) {
            Integer h = index.get(id);
            if (h != null && accounts.balance(h) != 0) {
                found.add(id);
            }
        }
        return List.copyOf(found);
    }

    List<AccountBalance> owned(UserId owner, AccountType type, AccountId after, int limit) {
        ConcurrentSkipListSet<Named> owned = byOwner.get(owner);
        if (owned == null) {
            return List.of();
        }
        // The type's accounts are the names from "code:" up to, not including, "code;" (';' follows ':').
        Named low = RANGE_LOW[type.ordinal()];
        String high = RANGE_HIGH[type.ordinal()];
        String from = after == null ? null : after.toString();
        // Walks the range account by account (ceiling/higher make no entry objects and no view), since a member has
        // few accounts of a type and this runs on every gift (the sender's lots).
        Named named;
        if (from == null || from.compareTo(low.name) < 0) {
            named = owned.ceiling(low);
        } else if (from.compareTo(high) < 0) {
            named = owned.higher(new Named(from, -1));
        } else {
            return List.of();
        }
        AccountBalance first = null;
        List<AccountBalance> more = null;
        int found = 0;
        for (; named != null && named.name.compareTo(high) < 0 && found < limit; named = owned.higher(named)) {
            int h = named.handle;
            long balance = accounts.balance(h);
            if (balance == 0) {
                continue;
            }
            AccountBalance b = new AccountBalance(accounts.id(h), balance);
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
