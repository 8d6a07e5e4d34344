package dev.coinage.gift;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.CoinageException;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.CreatorAccounts;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.NoPriceTableException;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.WalletFrozenException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.UserLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Sending gifts: the call a live app makes for every gift tap. A gift debits the sender's coins (and the coin lots they
 * came from, first in first out with bonus coins last) and credits the creator's earnings, in diamond parts, to a hold
 * account, in one atomic ledger transaction; {@link dev.coinage.earnings.HoldReleases} later turns held parts into whole diamonds. Eligibility comes from the host's {@link Members} port, spending limits
 * are enforced as ledger allowances, and a {@link GiftListener} hears what was committed.
 *
 * <pre>{@code
 * Gifting gifting = Gifting.builder(definition, store).members(members).build();
 * GiftReceipt r = gifting.send(GiftRequest.live(key, viewer, creator, GiftId.of("rose"), liveId).withCount(5));
 * }</pre>
 *
 * <p>See {@code docs/gifting.md} for the conversion, holds and limits.
 *
 * <p>This class is thread-safe. Its only mutable state is caches that a miss merely repeats from the store.
 */
public final class Gifting {
    private final LedgerStore store;
    private final Clock clock;
    private final GiftTransactions transactions;
    private final GiftAccounts accounts;
    private final SpendingCaps caps;
    private final GiftReceipts receipts;
    private final GiftEvents events;
    private final CircularFlows flows;

    private Gifting(Builder b) {
        EconomyDefinition definition = b.definition;
        long partsPerDiamond = definition.earnings().partsPerDiamond();
        this.store = b.store;
        this.clock = b.clock;
        this.events = new GiftEvents(
                b.listener == null ? new GiftListener() {} : b.listener,
                definition.earnings().holdWindow());
        CreatorAccounts creators = new CreatorAccounts(store, partsPerDiamond);
        PeriodNames names = new PeriodNames();
        Allowances allowances = new Allowances(store, b.userLimits);
        Velocity velocity = new Velocity(store, b.abuse);
        this.caps = new SpendingCaps(new PlatformCaps(definition), b.userLimits, allowances, names);
        this.transactions = new GiftTransactions(
                definition,
                store,
                b.userLimits,
                new Eligibility(definition, b.members),
                caps,
                new LotPicker(store, b.abuse.holdsFirstPurchases()),
                new LotCosts(store),
                names,
                velocity,
                b.abuse);
        this.accounts = new GiftAccounts(store, creators, allowances, velocity);
        this.flows = new CircularFlows(store, b.abuse, b.listener == null ? new GiftListener() {} : b.listener);
        this.receipts = new GiftReceipts(store, partsPerDiamond);
    }

    /**
     * Starts a builder.
     *
     * @param definition the economy: gift catalogue, earnings policy, ages, limits, price tables; not null
     * @param store the ledger, not null
     * @return a builder, never null
     */
    public static Builder builder(EconomyDefinition definition, LedgerStore store) {
        return new Builder(definition, store);
    }

    // ---------------------------------------------------------------------------------------------------- sending

    /**
     * Sends a gift: checks, then debits the sender's coins and credits the creator's hold account in one atomic
     * transaction. A retry with the same key and request returns the first receipt (marked replay) and writes nothing,
     * even if the gift could not be sent now.
     *
     * @param request the request, not null
     * @return the receipt, never null
     * @throws UnknownGiftException if the gift is not in the catalogue
     * @throws GiftNotAllowedException if the gift may not be sent in this context or at this time
     * @throws NotEligibleException if the sender or creator is not eligible, or they are the same member
     * @throws LimitExceededException if the gift would take the sender past a spending limit
     * @throws VelocityLimitExceededException if the gift would take the sender past a gift-velocity limit of the
     *     economy's abuse policy
     * @throws CoinsOnHoldException if the gift needs coins of a first purchase the abuse policy holds
     * @throws InsufficientCoinsException if the sender has fewer coins than the gift costs
     * @throws WalletFrozenException if a refund froze the sender's wallet
     * @throws IdempotencyConflictException if the key was used for a different request
     * @throws IllegalArgumentException if price × count overflows
     * @throws ConcurrentSpendingException if other requests kept consuming the sender's lots (many threads spending
     *     from one wallet); nothing was written
     * @throws IllegalStateException if the sender's wallet holds coins that were credited outside {@link Recharges}
     *     and so have no lot to consume; nothing was written
     */
    public GiftReceipt send(GiftRequest request) {
        Objects.requireNonNull(request, "request");
        IdempotencyKey txKey = GiftTransactions.transactionKey(request.key());
        Fingerprint fingerprint = GiftTransactions.fingerprint(request);
        Instant at = clock.instant();
        AppliedTransaction applied = null;
        for (int attempt = 0; applied == null; attempt++) {
            PreparedGift p = null;
            try {
                p = transactions.prepare(request, at, txKey, fingerprint, null);
                // The store's claim of the key finds an earlier gift with it; only a gift that writes before itself
                // (opens an account, grants an allowance) looks first, so that a replay writes nothing at all.
                if (accounts.writesBefore(p)) {
                    Optional<AppliedTransaction> earlier = store.find(txKey);
                    if (earlier.isPresent()) {
                        return replayed(request, earlier.get(), fingerprint);
                    }
                    accounts.prepare(p);
                }
                applied = store.apply(p.transaction());
            } catch (IdempotencyConflictException e) {
                throw new IdempotencyConflictException(request.key());
            } catch (RuntimeException e) {
                // A retry of a gift sent before is a replay even if the gift could not be sent now.
                Optional<AppliedTransaction> earlier = earlier(txKey, e);
                if (earlier.isPresent()) {
                    return replayed(request, earlier.get(), fingerprint);
                }
                if (!(e instanceof InsufficientBalanceException refused)) {
                    throw e;
                }
                // Returns if another spending of the sender consumed a lot this gift had picked: pick again.
                onRefusedDebit(refused, p, attempt);
            }
        }
        GiftReceipt receipt = receipts.of(request, applied);
        if (!applied.replay() && events.heard()) {
            events.publish(new GiftSent(receipt, request.context(), request.contextId(), at));
        }
        flows.afterGift(request.sender(), request.creator(), at);
        return receipt;
    }

    /** The transaction an earlier gift applied with the key, looked up after {@code failure}, which it cannot mask. */
    private Optional<AppliedTransaction> earlier(IdempotencyKey txKey, RuntimeException failure) {
        try {
            return store.find(txKey);
        } catch (RuntimeException lookup) {
            failure.addSuppressed(lookup);
            throw failure;
        }
    }

    /** The receipt of an earlier gift with the request's key, after the circular-flow check a send makes. */
    private GiftReceipt replayed(GiftRequest request, AppliedTransaction earlier, Fingerprint fingerprint) {
        GiftReceipt replayed = receipts.replayed(request, earlier, fingerprint);
        flows.afterGift(request.sender(), request.creator(), clock.instant());
        return replayed;
    }

    /**
     * Sends several gifts as one atomic store transaction, all or none: what a host buffering a burst of combo taps
     * calls. Each gift sees the balances and allowances the earlier ones left. Requests whose keys were applied before
     * are replayed.
     *
     * @param requests the requests, not null, not empty, with distinct keys
     * @return the receipts in request order, never null
     * @throws IllegalArgumentException if the list is empty or two requests share a key
     * @throws CoinageException as {@link #send}, for the first request that fails; then nothing is written
     */
    public List<GiftReceipt> sendAll(List<GiftRequest> requests) {
        List<GiftRequest> all = List.copyOf(Objects.requireNonNull(requests, "requests"));
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one gift");
        }
        Set<IdempotencyKey> keys = new HashSet<>();
        for (GiftRequest r : all) {
            if (!keys.add(r.key())) {
                throw new IllegalArgumentException("two gifts of the batch share the key " + r.key());
            }
        }
        Instant at = clock.instant();
        GiftReceipt[] sent = new GiftReceipt[all.size()];
        List<AppliedTransaction> applied = null;
        List<Integer> positions = new ArrayList<>();
        for (int attempt = 0; applied == null; attempt++) {
            List<PreparedGift> toApply = new ArrayList<>();
            positions.clear();
            Map<AccountId, Long> lotsTaken = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                GiftRequest r = all.get(i);
                IdempotencyKey txKey = GiftTransactions.transactionKey(r.key());
                Fingerprint fingerprint = GiftTransactions.fingerprint(r);
                Optional<AppliedTransaction> earlier = store.find(txKey);
                if (earlier.isPresent()) {
                    sent[i] = receipts.replayed(r, earlier.get(), fingerprint);
                    continue;
                }
                toApply.add(transactions.prepare(r, at, txKey, fingerprint, lotsTaken));
                positions.add(i);
            }
            if (toApply.isEmpty()) {
                for (GiftRequest r : all) {
                    flows.afterGift(r.sender(), r.creator(), at);
                }
                return List.of(sent);
            }
            List<TransactionRequest> batch = new ArrayList<>(toApply.size());
            for (PreparedGift p : toApply) {
                accounts.prepare(p);
                batch.add(p.transaction());
            }
            try {
                applied = store.applyAll(batch);
            } catch (InsufficientBalanceException e) {
                // Returns if a concurrent spending consumed a lot this batch had picked: pick again.
                onRefusedDebit(e, debitor(toApply, e.account()), attempt);
            } catch (IdempotencyConflictException e) {
                for (GiftRequest r : all) {
                    if (GiftTransactions.transactionKey(r.key()).equals(e.key())) {
                        throw new IdempotencyConflictException(r.key());
                    }
                }
                throw e;
            }
        }
        List<GiftSent> committed = new ArrayList<>();
        for (int j = 0; j < applied.size(); j++) {
            int i = positions.get(j);
            GiftRequest r = all.get(i);
            sent[i] = receipts.of(r, applied.get(j));
            if (!applied.get(j).replay()) {
                committed.add(new GiftSent(sent[i], r.context(), r.contextId(), at));
            }
        }
        if (events.heard()) {
            for (GiftSent event : committed) {
                events.publish(event);
            }
        }
        for (GiftRequest r : all) {
            flows.afterGift(r.sender(), r.creator(), at);
        }
        return List.of(sent);
    }

    /**
     * Decides what a guarded debit the store refused means, by what the gift that made it meant by it: a lot taken by
     * another request since it was picked returns (after a pause), to pick again; any other refusal is thrown, an
     * allowance's as the spending limit it enforces.
     *
     * @param gift the gift that debits the refused account, null if none of them does
     * @throws LimitExceededException if the account is one of the gift's allowances
     * @throws ConcurrentSpendingException if the account is one of its lots and this was the last attempt
     * @throws InsufficientBalanceException the refusal itself for the wallet or an account the gift does not guard
     */
    private void onRefusedDebit(InsufficientBalanceException refused, PreparedGift gift, int attempt) {
        DebitRole role = gift == null ? null : gift.role(refused.account()).orElse(null);
        if (role == DebitRole.ALLOWANCE) {
            throw caps.explain(refused, gift.caps().get(refused.account()), Lots.total(gift.lots()));
        }
        if (role == DebitRole.VELOCITY) {
            throw gift.velocity().get(refused.account()).exceeded();
        }
        if (role != DebitRole.LOT) {
            throw refused; // the wallet: too few coins
        }
        UserId sender = gift.request().sender();
        if (attempt + 1 >= Lots.ATTEMPTS) {
            throw new ConcurrentSpendingException(sender, attempt + 1);
        }
        Lots.backoff(sender, attempt);
    }

    /** The first gift of a batch that debits an account with a guard, null if none does. */
    private static PreparedGift debitor(List<PreparedGift> gifts, AccountId account) {
        for (PreparedGift p : gifts) {
            if (p.role(account).isPresent()) {
                return p;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------- limits

    /**
     * Sets a member's own spending cap for a period. A member may set any cap up to the platform's; a lower cap takes
     * effect at once (the current period's remaining allowance shrinks by the difference, down to zero), while a higher
     * one than before takes effect from the next period, so a cap cannot be raised in the heat of a LIVE.
     *
     * @param user the member, not null
     * @param period the period, not null
     * @param coins the cap in coins, from 0 to the platform's cap for the period
     * @throws IllegalArgumentException if {@code coins} is negative or above the platform's cap
     */
    public void setUserLimit(UserId user, LimitPeriod period, long coins) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(period, "period");
        caps.setUserLimit(user, period, coins, clock.instant());
    }

    /**
     * Returns the coins a member may still spend on gifts in the current span of a period.
     *
     * @param user the member, not null
     * @param period {@link LimitPeriod#DAY}, {@link LimitPeriod#WEEK} or {@link LimitPeriod#MONTH}, not null
     * @return the remaining coins, empty if no limit applies to the member in that period
     * @throws IllegalArgumentException if {@code period} is {@link LimitPeriod#PER_GIFT}
     */
    public OptionalLong remainingAllowance(UserId user, LimitPeriod period) {
        Objects.requireNonNull(user, "user");
        return caps.remainingAllowance(user, period, clock.instant());
    }

    /**
     * The fiat limits of the economy converted to coins at an instant, as {@link #send} applies them; limits in coins
     * are returned as they are. Several limits of one period give their lowest.
     *
     * @param at the instant, not null
     * @return the platform's cap in coins by period, for the periods that have one, never null
     * @throws NoPriceTableException if a fiat limit needs a price table and none is in force
     */
    public Map<LimitPeriod, Long> platformCaps(Instant at) {
        Objects.requireNonNull(at, "at");
        return caps.platformCaps(at);
    }

    /**
     * Collects the parts of a {@link Gifting}. Instances are not thread-safe.
     */
    public static final class Builder {
        private final EconomyDefinition definition;
        private final LedgerStore store;
        private Members members;
        private UserLimits userLimits;
        private Clock clock = Clock.systemUTC();
        private GiftListener listener;
        private AbusePolicy abuse = AbusePolicy.none();

        private Builder(EconomyDefinition definition, LedgerStore store) {
            this.definition = Objects.requireNonNull(definition, "definition");
            this.store = Objects.requireNonNull(store, "store");
            this.userLimits = store.userLimits();
        }

        /**
         * Sets the host's members port, which every send consults. Required.
         *
         * @param members the port, not null
         * @return this builder
         */
        public Builder members(Members members) {
            this.members = Objects.requireNonNull(members, "members");
            return this;
        }

        /**
         * Sets where members' own caps are kept; by default in the store ({@link LedgerStore#userLimits()}).
         *
         * @param userLimits the port, not null
         * @return this builder
         */
        public Builder userLimits(UserLimits userLimits) {
            this.userLimits = Objects.requireNonNull(userLimits, "userLimits");
            return this;
        }

        /**
         * Sets the clock that dates gifts (hold periods, limit periods, availability windows, ages); by default the
         * system clock in UTC.
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the listener told about committed gifts. Its failures are logged and never affect the
         * ledger or the caller.
         *
         * @param listener the listener, not null
         * @return this builder
         */
        public Builder listener(GiftListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the abuse rules gifts obey: velocity limits, holds on large first purchases, flags on circular flows.
         * By default {@link AbusePolicy#none()}.
         *
         * @param abuse the rules, not null
         * @return this builder
         */
        public Builder abuse(AbusePolicy abuse) {
            this.abuse = Objects.requireNonNull(abuse, "abuse");
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service, never null
         * @throws IllegalStateException if no members port was set
         * @throws IllegalArgumentException if a fiat spending limit is not in the base currency
         */
        public Gifting build() {
            if (members == null) {
                throw new IllegalStateException("a members port is required: Gifting.builder(...).members(...)");
            }
            return new Gifting(this);
        }
    }
}
