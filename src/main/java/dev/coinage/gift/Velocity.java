package dev.coinage.gift;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.AbuseAccounts;
import dev.coinage.engine.Keys;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.spi.LedgerStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gift-velocity limits as the ledger keeps them, like spending limits: one allowance account per sender and minute
 * (and per sender, creator and minute), granted the minute's limit once (keyed by the account), debited by one for
 * every gift in the gift's own transaction. The store's non-negative guard decides atomically, so the limit holds
 * across every application instance over one store, with no counter outside the ledger.
 *
 * <p>This class is thread-safe. Its only mutable state is a cache of the grants known to be applied.
 */
final class Velocity {
    private static final AccountId GRANTED = AccountId.system(AccountType.ALLOWANCE_GRANTED);

    private final LedgerStore store;
    private final int perSender;
    private final int perPair;
    private final KnownSet<AccountId> granted = new KnownSet<>();

    Velocity(LedgerStore store, AbusePolicy policy) {
        this.store = store;
        this.perSender = policy.giftsPerMinute();
        this.perPair = policy.giftsPerMinuteToOneCreator();
    }

    /** One velocity allowance a gift debits. */
    record Limit(UserId sender, UserId creator, int gifts, long epochMinute) {
        VelocityLimitExceededException exceeded() {
            Instant minute = Instant.ofEpochSecond(epochMinute * 60);
            return creator == null
                    ? VelocityLimitExceededException.perSender(sender, gifts, minute)
                    : VelocityLimitExceededException.perCreator(sender, creator, gifts, minute);
        }
    }

    /** The velocity allowances a gift from sender to creator at an instant debits; empty if no limit is on. */
    Map<AccountId, Limit> limits(UserId sender, UserId creator, Instant at) {
        if (perSender == 0 && perPair == 0) {
            return Map.of();
        }
        long minute = Math.floorDiv(at.getEpochSecond(), 60);
        Map<AccountId, Limit> limits = new LinkedHashMap<>(4);
        if (perSender > 0) {
            limits.put(
                    AccountId.member(AccountType.USER_ALLOWANCE, sender, "v" + minute),
                    new Limit(sender, null, perSender, minute));
        }
        if (perPair > 0) {
            limits.put(
                    AccountId.member(
                            AccountType.USER_ALLOWANCE, sender, "v" + minute + "." + AbuseAccounts.memberHash(creator)),
                    new Limit(sender, creator, perPair, minute));
        }
        return limits;
    }

    /** Whether the velocity allowance is known to be granted, so that {@link #grant} will write nothing. */
    boolean isGranted(AccountId allowance) {
        return granted.contains(allowance);
    }

    /** Opens a velocity allowance and grants it the minute's limit, unless this was done before. */
    void grant(AccountId allowance, Limit limit) {
        if (granted.contains(allowance)) {
            return;
        }
        store.open(allowance);
        IdempotencyKey key = Keys.VELOCITY.key(
                limit.sender().value() + ":" + allowance.reference().orElseThrow());
        if (store.find(key).isEmpty()) {
            // A concurrent duplicate grant has the same key and contents, so it is a replay.
            store.apply(TransactionRequest.builder(key, "velocity-grant")
                    .fingerprint(Fingerprint.builder("velocity-grant")
                            .add(allowance.toString())
                            .add(limit.gifts())
                            .build())
                    .debit(GRANTED, limit.gifts())
                    .credit(allowance, limit.gifts())
                    .build());
        }
        granted.add(allowance);
    }
}
