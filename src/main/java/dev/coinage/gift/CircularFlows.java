package dev.coinage.gift;

import dev.coinage.core.UserId;
import dev.coinage.engine.AbuseAccounts;
import dev.coinage.engine.Listeners;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.spi.LedgerStore;
import java.time.Instant;

/**
 * Flags circular flows after a gift committed: when the coins of all gifts from the sender to the creator, and from
 * the creator to the sender, both reach the policy's line, the pair is flagged once (an idempotent ledger transaction)
 * and the listener hears {@link CircularFlowFlagged}. Every gift adds its coins to its pair's flow account in its own
 * transaction, so the totals are exact across application instances. The check runs after the commit, for a replay
 * too: if the store fails during the check, the caller sees the failure as a lost reply and retries the gift with its
 * key, and the replay checks again (as does the pair's next gift, since the totals only grow).
 *
 * <p>This class is thread-safe.
 */
final class CircularFlows {
    private final LedgerStore store;
    private final long line;
    private final boolean review;
    private final GiftListener listener;

    CircularFlows(LedgerStore store, AbusePolicy policy, GiftListener listener) {
        this.store = store;
        this.line = policy.circularFlowCoins();
        this.review = policy.reviewsCircularCashOuts();
        this.listener = listener;
    }

    /** Checks the flows between the members of a committed gift and flags the pair if both reach the line. */
    void afterGift(UserId sender, UserId creator, Instant at) {
        if (line == 0) {
            return;
        }
        AccountId forth = AbuseAccounts.flow(sender, creator);
        // A gift sent before the rule was on has no flow account.
        long sent = store.exists(forth) ? store.balance(forth) : 0;
        if (sent < line) {
            return;
        }
        AccountId back = AbuseAccounts.flow(creator, sender);
        long received = store.exists(back) ? store.balance(back) : 0;
        if (received < line) {
            return;
        }
        store.open(AbuseAccounts.flag(sender, review));
        store.open(AbuseAccounts.flag(creator, review));
        AppliedTransaction flagged = store.apply(AbuseAccounts.flagPair(sender, creator, review));
        if (!flagged.replay()) {
            CircularFlowFlagged event = new CircularFlowFlagged(sender, creator, sent, received, review, at);
            Listeners.call(listener, event, GiftListener::onCircularFlow, event);
        }
    }
}
