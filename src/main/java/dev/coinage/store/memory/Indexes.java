package dev.coinage.store.memory;

import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The in-memory store's indexes: each member's accounts, each type's non-zero accounts, and each kind's
 * transactions, kept up to date as accounts are opened and transactions applied, so that listings never scan.
 */
final class Indexes {
    /**
     * Per member: their accounts by text form, for {@link #owned}. The text form starts with the type's code
     * and a colon, so one type's accounts form one range of the map. The key is the account id's cached text form.
     */
    private final ConcurrentHashMap<UserId, ConcurrentSkipListMap<String, Account>> byOwner = new ConcurrentHashMap<>();
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
     * Per account type: the accounts whose balance is not zero, in id order, for {@link #nonZero}. Kept up to
     * date under the account's lock whenever a balance leaves or reaches zero, so a listing never scans the accounts
     * that are empty (released holds, spent lots), which are most of them in a long-lived ledger.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ConcurrentSkipListMap<AccountId, Account>[] nonZero =
            new ConcurrentSkipListMap[AccountType.values().length];

    {
        for (int i = 0; i < nonZero.length; i++) {
            nonZero[i] = new ConcurrentSkipListMap<>();
        }
    }

    /** Sets an account's balance, holding its lock, and keeps the non-zero index in step. */
    void setBalance(Account a, long balance) {
        long before = a.balance;
        a.balance = balance;
        if (before == 0 && balance != 0) {
            nonZero[a.id.type().ordinal()].put(a.id, a);
        } else if (before != 0 && balance == 0) {
            nonZero[a.id.type().ordinal()].remove(a.id);
        }
    }

    /** Per kind: the applied transactions by id, for {@link #journal}. */
    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Long, AppliedTransaction>> journal =
            new ConcurrentHashMap<>();

    /** Lists a newly opened account under its owner, before it becomes visible. */
    void opened(Account a) {
        a.id.owner().ifPresent(owner -> byOwner.computeIfAbsent(owner, o -> new ConcurrentSkipListMap<>())
                .put(a.id.toString(), a));
    }

    /** Records an applied transaction under its kind. */
    void applied(AppliedTransaction t) {
        journal.computeIfAbsent(t.kind(), k -> new ConcurrentSkipListMap<>()).put(t.id(), t);
    }

    List<AccountId> nonZero(AccountType type, AccountId after, int limit) {
        // The type's non-zero accounts after the given one, in id order; each is checked under its lock, since the
        // index may be a step behind a transaction that is emptying it right now.
        ConcurrentSkipListMap<AccountId, Account> index = nonZero[type.ordinal()];
        List<AccountId> found = new ArrayList<>(Math.min(limit, 64));
        AccountId id;
        if (after == null) {
            Map.Entry<AccountId, Account> first = index.firstEntry();
            id = first == null ? null : first.getKey();
        } else {
            id = index.higherKey(after);
        }
        for (; id != null && found.size() < limit; id = index.higherKey(id)) {
            Account a = index.get(id);
            if (a != null && a.balance() != 0) {
                found.add(id);
            }
        }
        return List.copyOf(found);
    }

    List<AccountBalance> owned(UserId owner, AccountType type, AccountId after, int limit) {
        ConcurrentSkipListMap<String, Account> owned = byOwner.get(owner);
        if (owned == null) {
            return List.of();
        }
        // The type's accounts are the names from "code:" up to, not including, "code;" (';' follows ':').
        String low = RANGE_LOW[type.ordinal()];
        String high = RANGE_HIGH[type.ordinal()];
        String from = after == null ? null : after.toString();
        // Walks the range key by key (ceilingKey/higherKey make no entry objects and no view), since a member has
        // few accounts of a type and this runs on every gift (the sender's lots).
        String name;
        if (from == null || from.compareTo(low) < 0) {
            name = owned.ceilingKey(low);
        } else if (from.compareTo(high) < 0) {
            name = owned.higherKey(from);
        } else {
            return List.of();
        }
        AccountBalance first = null;
        List<AccountBalance> more = null;
        int found = 0;
        for (; name != null && name.compareTo(high) < 0 && found < limit; name = owned.higherKey(name)) {
            Account a = owned.get(name);
            long balance = a.balance();
            if (balance == 0) {
                continue;
            }
            AccountBalance b = new AccountBalance(a.id, balance);
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

    List<AppliedTransaction> journal(String kind, long afterId, int limit) {
        ConcurrentSkipListMap<Long, AppliedTransaction> ofKind = journal.get(kind);
        if (ofKind == null) {
            return List.of();
        }
        List<AppliedTransaction> out = new ArrayList<>(Math.min(limit, 64));
        for (AppliedTransaction t : ofKind.tailMap(afterId, false).values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(t);
        }
        return out;
    }
}
