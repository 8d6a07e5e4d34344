package dev.coinage.engine;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a creator's earnings accounts (carry, carry room, diamonds) and grants the carry room once, before the first
 * gift credits them or the first release reads them. Remembers the creators it prepared, so that a gift to a known
 * creator costs no store call; a forgotten creator is prepared again idempotently.
 *
 * <p>This class is thread-safe.
 */
public final class CreatorAccounts {
    private static final AccountId PARTS_CARRY_ROOM = AccountId.system(AccountType.PARTS_CARRY_ROOM);

    private final LedgerStore store;
    private final long partsPerDiamond;
    private final Set<UserId> ready = ConcurrentHashMap.newKeySet();

    /**
     * Makes the helper for one economy.
     *
     * @param store the ledger, not null
     * @param partsPerDiamond how many diamond parts make a diamond, positive
     */
    public CreatorAccounts(LedgerStore store, long partsPerDiamond) {
        this.store = Objects.requireNonNull(store, "store");
        if (partsPerDiamond <= 0) {
            throw new IllegalArgumentException("partsPerDiamond must be positive: " + partsPerDiamond);
        }
        this.partsPerDiamond = partsPerDiamond;
    }

    /**
     * Whether this helper prepared the creator before, so that {@link #prepare} will write nothing.
     *
     * @param creator the creator, not null
     * @return true if the creator's accounts are known to be ready
     */
    public boolean isPrepared(UserId creator) {
        return ready.contains(creator);
    }

    /**
     * Opens the creator's accounts and grants the carry room, unless this helper did so before.
     *
     * @param creator the creator, not null
     */
    public void prepare(UserId creator) {
        if (ready.contains(creator)) {
            return;
        }
        AccountId room = AccountId.member(AccountType.CREATOR_CARRY_ROOM, creator);
        store.open(AccountId.creatorCarry(creator));
        store.open(room);
        store.open(AccountId.creatorDiamonds(creator));
        if (partsPerDiamond > 1) {
            store.apply(TransactionRequest.builder(Keys.CARRY_ROOM.key(creator.value()), "carry-room")
                    .debit(PARTS_CARRY_ROOM, partsPerDiamond - 1)
                    .credit(room, partsPerDiamond - 1)
                    .build());
        }
        ready.add(creator);
    }

    /**
     * The key of a creator's one carry-room grant.
     *
     * @param creator the creator, not null
     * @return the key, never null
     */
    public static IdempotencyKey carryRoomKey(UserId creator) {
        return Keys.CARRY_ROOM.key(creator.value());
    }
}
