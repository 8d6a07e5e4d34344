package dev.coinage.gift;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.Keys;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.UserLimits;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Spending limits as the ledger keeps them: one allowance account per member and span, granted the span's effective
 * cap once (keyed by member and span), debited by every gift, and cut when a member lowers their own cap. The store's
 * non-negative guard on the allowance enforces the limit in the same atomic step as the coins.
 *
 * <p>This class is thread-safe. Its only mutable state is a cache of the grants known to be applied.
 */
final class Allowances {
    private static final int CUT_ATTEMPTS = 8;
    private static final AccountId ALLOWANCE_GRANTED = AccountId.system(AccountType.ALLOWANCE_GRANTED);
    static final AccountId ALLOWANCE_USED = AccountId.system(AccountType.ALLOWANCE_USED);

    private final LedgerStore store;
    private final UserLimits userLimits;
    private final KnownSet<AccountId> granted = new KnownSet<>();

    Allowances(LedgerStore store, UserLimits userLimits) {
        this.store = store;
        this.userLimits = userLimits;
    }

    /** The allowance account of a member's span. */
    static AccountId account(UserId user, String reference) {
        return AccountId.member(AccountType.USER_ALLOWANCE, user, reference);
    }

    /** The grant of a member's span, if it was applied. */
    Optional<AppliedTransaction> findGrant(UserId user, String reference) {
        return store.find(grantKey(user, reference));
    }

    private static IdempotencyKey grantKey(UserId user, String reference) {
        return Keys.ALLOWANCE.key(user.value() + ":" + reference);
    }

    /** Whether the allowance is known to be granted, so that {@link #grant} will write nothing. */
    boolean isGranted(AccountId allowance) {
        return granted.contains(allowance);
    }

    /**
     * Opens an allowance and grants it its span's cap, unless this was done before: a write allowed before the gift
     * itself (harmless: a grant that precedes a refused gift changes no balance a member sees).
     */
    void grant(AccountId allowance, Cap cap) {
        if (granted.contains(allowance)) {
            return;
        }
        IdempotencyKey key = grantKey(cap.user(), cap.reference());
        store.open(allowance);
        if (store.find(key).isEmpty() && cap.coins() > 0) {
            // A concurrent duplicate grant has the same key and contents, so it is a replay.
            store.apply(TransactionRequest.builder(key, "allowance-grant")
                    .fingerprint(Fingerprint.builder("allowance-grant")
                            .add(cap.user().value())
                            .add(cap.reference())
                            .build())
                    .debit(ALLOWANCE_GRANTED, cap.coins())
                    .credit(allowance, cap.coins())
                    .build());
            // A member may have lowered their cap between our read of it and the grant, without seeing the grant:
            // read it again now that the grant is visible, and cut as setUserLimit would have.
            OptionalLong own = cap.atCost() ? OptionalLong.empty() : userLimits.find(cap.user(), cap.period());
            if (own.isPresent() && own.getAsLong() < cap.coins()) {
                lower(cap.user(), cap.reference(), allowance, cap.coins(), own.getAsLong());
            }
        }
        granted.add(allowance);
    }

    /**
     * Cuts a span's allowance from an effective cap {@code before} to {@code after}: debits the difference, but never
     * more than is left. Keyed by the change, so the member's call and a concurrent first grant that both see it cut
     * once.
     */
    void lower(UserId user, String reference, AccountId allowance, long before, long after) {
        if (after >= before) {
            return;
        }
        for (int attempt = 0; attempt < CUT_ATTEMPTS; attempt++) {
            long remaining = store.balance(allowance);
            long cut = Math.min(remaining, before - after);
            if (cut <= 0) {
                return;
            }
            try {
                store.apply(TransactionRequest.builder(
                                Keys.ALLOWANCE_CAP.key(user.value() + ":" + reference + ":" + before + ">" + after),
                                "allowance-cap")
                        .fingerprint(Fingerprint.builder("allowance-cap")
                                .add(user.value())
                                .add(reference)
                                .add(before)
                                .add(after)
                                .build())
                        .debit(allowance, cut)
                        .credit(ALLOWANCE_USED, cut)
                        .build());
                return;
            } catch (InsufficientBalanceException raced) {
                // A gift spent from the allowance meanwhile: read it again.
            }
        }
        throw new IllegalStateException("the allowance " + allowance + " kept changing; try again");
    }

    /**
     * The limit in force for a span, as the ledger has it: the coins gifts took from the allowance plus what is left.
     * This is the grant less any cut the member made, whatever their cap setting says now (a raised cap applies from the
     * next span). Read only to explain a refusal.
     */
    long spanLimit(AccountId allowance) {
        long used = 0;
        Optional<PageRequest> next = Optional.of(PageRequest.oldestFirst(PageRequest.MAX_SIZE));
        while (next.isPresent()) {
            Page page = store.entries(allowance, next.get());
            for (Entry e : page.entries()) {
                if (e.kind().equals(GiftTransactions.KIND)) {
                    used = Math.subtractExact(used, e.amount());
                }
            }
            next = page.next();
        }
        return Math.addExact(used, store.balance(allowance));
    }

    /** The coins of a span's allowance still unspent. */
    long remaining(AccountId allowance) {
        return store.balance(allowance);
    }

    /** Whether a span's allowance account was opened (by a gift or a grant). */
    boolean exists(AccountId allowance) {
        return store.exists(allowance);
    }
}
