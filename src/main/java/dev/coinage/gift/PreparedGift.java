package dev.coinage.gift;

import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.TransactionRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gift checked and turned into its transaction, with the accounts to open before it, and what each of its guarded
 * debits stands for: the sender's wallet, the lots picked, the allowances of the capped spans. The roles are kept in
 * the collections the gift was built from, so recording them costs a gift nothing.
 */
final class PreparedGift {
    private final GiftRequest request;
    private final TransactionRequest transaction;
    private final AccountId wallet;
    private final AccountId hold;
    private final List<Lots.Take> lots;
    private final Map<AccountId, Cap> caps;
    private final Set<AccountId> links;
    private final Map<AccountId, Velocity.Limit> velocity;
    private final AccountId flow;

    /** A gift that no abuse rule touches. */
    PreparedGift(
            GiftRequest request,
            TransactionRequest transaction,
            AccountId wallet,
            AccountId hold,
            List<Lots.Take> lots,
            Map<AccountId, Cap> caps,
            Set<AccountId> links) {
        this(request, transaction, wallet, hold, lots, caps, links, Map.of(), null);
    }

    PreparedGift(
            GiftRequest request,
            TransactionRequest transaction,
            AccountId wallet,
            AccountId hold,
            List<Lots.Take> lots,
            Map<AccountId, Cap> caps,
            Set<AccountId> links,
            Map<AccountId, Velocity.Limit> velocity,
            AccountId flow) {
        this.request = request;
        this.transaction = transaction;
        this.wallet = wallet;
        this.hold = hold;
        this.lots = lots;
        this.caps = caps;
        this.links = links;
        this.velocity = velocity;
        this.flow = flow;
    }

    GiftRequest request() {
        return request;
    }

    TransactionRequest transaction() {
        return transaction;
    }

    /** The sender's wallet, debited with a guard. */
    AccountId wallet() {
        return wallet;
    }

    /** The creator's hold account of the gift's hold period. */
    AccountId hold() {
        return hold;
    }

    /** The lots picked, with the coins taken from each: all the gift's coins. */
    List<Lots.Take> lots() {
        return lots;
    }

    /** The link accounts from the lots to the creator's hold period, credited by the gift. */
    Set<AccountId> links() {
        return links;
    }

    /** The allowances the gift debits, with their caps; empty if no span has a cap. */
    Map<AccountId, Cap> caps() {
        return caps;
    }

    /** The velocity allowances the gift debits, with their limits; empty if no velocity limit is on. */
    Map<AccountId, Velocity.Limit> velocity() {
        return velocity;
    }

    /** The account counting the coins from the sender to the creator, null if circular flows are not flagged. */
    AccountId flow() {
        return flow;
    }

    /** What the gift meant by a guarded debit of an account; empty if the gift does not debit it with a guard. */
    Optional<DebitRole> role(AccountId account) {
        if (account.equals(wallet)) {
            return Optional.of(DebitRole.WALLET);
        }
        if (caps.containsKey(account)) {
            return Optional.of(DebitRole.ALLOWANCE);
        }
        if (velocity.containsKey(account)) {
            return Optional.of(DebitRole.VELOCITY);
        }
        for (Lots.Take take : lots) {
            if (take.lot().equals(account)) {
                return Optional.of(DebitRole.LOT);
            }
        }
        return Optional.empty();
    }
}
