package dev.coinage.gift;

import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.Gift;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.PriceTable;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.core.CoinageException;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.CreatorAccounts;
import dev.coinage.engine.HoldPeriods;
import dev.coinage.engine.Keys;
import dev.coinage.engine.Listeners;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.SpendingPeriods;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.NoPriceTableException;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.WalletFrozenException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.UserLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.MonetaryAmount;

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
    private static final String GIFT = "gift";
    private static final int RELEASE_ATTEMPTS = 8;
    private static final int PAGE = 500;
    private static final int GRANT_CACHE_MAX = 100_000;
    private static final LimitPeriod[] SPANS = {LimitPeriod.DAY, LimitPeriod.WEEK, LimitPeriod.MONTH};
    private static final AccountId CONSUMED = AccountId.system(AccountType.COINS_CONSUMED);
    private static final AccountId PARTS_ISSUED = AccountId.system(AccountType.PARTS_ISSUED);
    private static final AccountId PARTS_RESIDUE = AccountId.system(AccountType.PARTS_RESIDUE);
    private static final AccountId PARTS_CARRY_ROOM = AccountId.system(AccountType.PARTS_CARRY_ROOM);
    private static final AccountId PARTS_CONVERTED = AccountId.system(AccountType.PARTS_CONVERTED);
    private static final AccountId PARTS_LINKED = AccountId.system(AccountType.PARTS_LINKED);
    private static final AccountId DIAMONDS_ISSUED = AccountId.system(AccountType.DIAMONDS_ISSUED);
    private static final AccountId ALLOWANCE_GRANTED = AccountId.system(AccountType.ALLOWANCE_GRANTED);
    private static final AccountId ALLOWANCE_USED = AccountId.system(AccountType.ALLOWANCE_USED);

    private final EconomyDefinition definition;
    private final LedgerStore store;
    private final Members members;
    private final UserLimits userLimits;
    private final Clock clock;
    private final GiftListener listener;
    private final long numerator;
    private final long partsPerDiamond;
    private final ConversionMode mode;
    private final Duration holdWindow;
    private final Map<LimitPeriod, List<SpendingLimit>> limits;
    // Creators whose carry accounts are open and whose carry room was granted: saves a replayed grant per gift.
    private final CreatorAccounts creatorAccounts;
    // Allowance grant keys known to be applied; cleared when large (a miss only costs a store look-up).
    private final Set<AccountId> grantsApplied = ConcurrentHashMap.newKeySet();
    // Lot-to-gift link accounts known to be open; cleared when large (a miss costs one idempotent open).
    private final Set<AccountId> linksOpen = ConcurrentHashMap.newKeySet();
    // The link accounts of a lot, creator and hold period, named once (a sender taps many gifts from one lot).
    private final Map<LinkKey, Link> linkNames = new ConcurrentHashMap<>();
    // The names of the current hour and spans, recomputed when the clock leaves them (gifts cluster in time).
    private volatile Names names = new Names(Long.MIN_VALUE, null, null);
    // Fiat caps in coins, per price table version and limit (computed at grant time only).
    private final Map<FiatCapKey, Long> fiatCaps = new ConcurrentHashMap<>();

    private Gifting(Builder b) {
        this.definition = b.definition;
        this.store = b.store;
        this.members = b.members;
        this.userLimits = b.userLimits;
        this.clock = b.clock;
        this.listener = b.listener == null ? new GiftListener() {} : b.listener;
        this.numerator = definition.earnings().share().numerator();
        this.partsPerDiamond = definition.earnings().share().denominator();
        this.mode = definition.earnings().mode();
        this.holdWindow = definition.earnings().holdWindow();
        this.creatorAccounts = new CreatorAccounts(store, partsPerDiamond);
        Map<LimitPeriod, List<SpendingLimit>> byPeriod = new EnumMap<>(LimitPeriod.class);
        for (SpendingLimit limit : definition.spendingLimits()) {
            Optional<MonetaryAmount> fiat = limit.fiat();
            if (fiat.isPresent() && !fiat.get().getCurrency().equals(definition.baseCurrency())) {
                throw new IllegalArgumentException("spending limit " + limit + " must be in the base currency "
                        + definition.baseCurrency() + " (coins are priced in it)");
            }
            byPeriod.computeIfAbsent(limit.period(), p -> new ArrayList<>()).add(limit);
        }
        this.limits = byPeriod;
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
        IdempotencyKey txKey = transactionKey(request.key());
        Fingerprint fingerprint = fingerprint(request);
        Optional<AppliedTransaction> earlier = store.find(txKey);
        if (earlier.isPresent()) {
            return replayed(request, earlier.get(), fingerprint);
        }
        Instant at = clock.instant();
        AppliedTransaction applied = null;
        for (int attempt = 0; applied == null; attempt++) {
            Prepared p = prepare(request, at, txKey, fingerprint, null);
            prepareAccounts(p);
            try {
                applied = store.apply(p.transaction);
            } catch (InsufficientBalanceException e) {
                if (!isLot(e.account())) {
                    throw limitExceeded(e, p.caps);
                }
                // Another spending of the sender consumed a lot this gift had picked: pick again.
                if (attempt + 1 >= Lots.ATTEMPTS) {
                    throw new ConcurrentSpendingException(request.sender(), attempt + 1);
                }
                Lots.backoff(request.sender(), attempt);
            } catch (IdempotencyConflictException e) {
                throw new IdempotencyConflictException(request.key());
            }
        }
        GiftReceipt receipt = receipt(request, applied);
        if (!applied.replay()) {
            publish(new GiftSent(receipt, request.context(), request.contextId(), at));
        }
        return receipt;
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
        GiftReceipt[] receipts = new GiftReceipt[all.size()];
        List<AppliedTransaction> applied = null;
        List<Integer> positions = new ArrayList<>();
        for (int attempt = 0; applied == null; attempt++) {
            List<Prepared> toApply = new ArrayList<>();
            positions.clear();
            Map<AccountId, Cap> caps = new TreeMap<>();
            Map<AccountId, Long> lotsTaken = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                GiftRequest r = all.get(i);
                IdempotencyKey txKey = transactionKey(r.key());
                Fingerprint fingerprint = fingerprint(r);
                Optional<AppliedTransaction> earlier = store.find(txKey);
                if (earlier.isPresent()) {
                    receipts[i] = replayed(r, earlier.get(), fingerprint);
                    continue;
                }
                Prepared p = prepare(r, at, txKey, fingerprint, lotsTaken);
                toApply.add(p);
                positions.add(i);
                caps.putAll(p.caps);
            }
            if (toApply.isEmpty()) {
                return List.of(receipts);
            }
            List<TransactionRequest> transactions = new ArrayList<>(toApply.size());
            for (Prepared p : toApply) {
                prepareAccounts(p);
                transactions.add(p.transaction);
            }
            try {
                applied = store.applyAll(transactions);
            } catch (InsufficientBalanceException e) {
                if (!isLot(e.account())) {
                    throw limitExceeded(e, caps);
                }
                // A concurrent spending consumed a lot this batch had picked: pick again.
                UserId owner = e.account().owner().orElseThrow();
                if (attempt + 1 >= Lots.ATTEMPTS) {
                    throw new ConcurrentSpendingException(owner, attempt + 1);
                }
                Lots.backoff(owner, attempt);
            } catch (IdempotencyConflictException e) {
                for (GiftRequest r : all) {
                    if (transactionKey(r.key()).equals(e.key())) {
                        throw new IdempotencyConflictException(r.key());
                    }
                }
                throw e;
            }
        }
        List<GiftSent> events = new ArrayList<>();
        for (int j = 0; j < applied.size(); j++) {
            int i = positions.get(j);
            GiftRequest r = all.get(i);
            receipts[i] = receipt(r, applied.get(j));
            if (!applied.get(j).replay()) {
                events.add(new GiftSent(receipts[i], r.context(), r.contextId(), at));
            }
        }
        events.forEach(this::publish);
        return List.of(receipts);
    }

    private void publish(GiftSent event) {
        Listeners.call(listener, event, GiftListener::onGiftSent, event);
        GiftReceipt r = event.receipt();
        if (r.partsCredited() > 0) {
            DiamondsHeld held = new DiamondsHeld(
                    r.creator(),
                    r.holdPeriod(),
                    r.partsCredited(),
                    r.partsPerDiamond(),
                    HoldPeriods.releasableAt(r.holdPeriod(), holdWindow));
            Listeners.call(listener, held, GiftListener::onDiamondsHeld, held);
        }
    }

    private GiftReceipt replayed(GiftRequest request, AppliedTransaction earlier, Fingerprint fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyConflictException(request.key());
        }
        return receipt(request, earlier.asReplay());
    }

    private static IdempotencyKey transactionKey(IdempotencyKey key) {
        return Keys.GIFT.key(key.value());
    }

    private static Fingerprint fingerprint(GiftRequest r) {
        return Fingerprint.builder(GIFT)
                .add(r.sender().value())
                .add(r.creator().value())
                .add(r.gift().value())
                .add(r.count())
                .add(r.context().name())
                .add(r.contextId())
                .build();
    }

    /** A gift checked and turned into its transaction, with the accounts to open and the allowances it uses. */
    private static final class Prepared {
        final GiftRequest request;
        final TransactionRequest transaction;
        final AccountId hold;
        final Map<AccountId, Cap> caps;
        final Set<AccountId> gifted;

        Prepared(
                GiftRequest request,
                TransactionRequest transaction,
                AccountId hold,
                Map<AccountId, Cap> caps,
                Set<AccountId> gifted) {
            this.request = request;
            this.transaction = transaction;
            this.hold = hold;
            this.caps = caps;
            this.gifted = gifted;
        }
    }

    private static boolean isLot(AccountId account) {
        return account.type() == AccountType.LOT_PAID || account.type() == AccountType.LOT_BONUS;
    }

    /**
     * Picks the sender's lots for a gift, first in first out with bonus coins last, after what earlier gifts of the same
     * batch took ({@code batchTaken}, updated; null for a single gift). A wallet's coins all come with lots
     * (they enter through {@link Recharges}); if the lots seem short while the wallet is not, a credit may be in the
     * middle of being applied, so they are read once more.
     */
    private List<Lots.Take> takeLots(UserId sender, long coins, Map<AccountId, Long> batchTaken) {
        Map<AccountId, Long> taken = batchTaken == null ? Map.of() : batchTaken;
        long lotted = 0;
        long takenBefore = 0;
        long available = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            List<Lots.Take> takes = Lots.allocate(store, sender, coins, taken, Set.of());
            lotted = Lots.total(takes);
            if (lotted == coins) {
                if (batchTaken != null) {
                    for (Lots.Take t : takes) {
                        taken.merge(t.lot(), t.coins(), Long::sum);
                    }
                }
                return takes;
            }
            // The lots fall short: usually the wallet does too (read it to say by how much).
            AccountId wallet = AccountId.userCoins(sender);
            available = store.exists(wallet) ? store.balance(wallet) : 0;
            takenBefore = 0;
            for (Map.Entry<AccountId, Long> e : taken.entrySet()) {
                if (e.getKey().owner().orElseThrow().equals(sender)) {
                    takenBefore += e.getValue();
                }
            }
            if (available - takenBefore < coins) {
                throw InsufficientBalanceException.of(wallet, coins, Math.max(0, available - takenBefore));
            }
        }
        throw new IllegalStateException("the wallet of " + sender + " holds " + available + " coins but its lots only "
                + (lotted + takenBefore) + ": coins credited to a wallet outside Recharges have no lot and cannot be"
                + " spent (import a balance with Recharges.creditReceipt; see docs/recharge.md)");
    }

    /** The effective cap of one allowance account, to grant it and to explain a refusal. */
    private static final class Cap {
        final UserId user;
        final LimitPeriod period;
        final String reference;
        final long coins;

        Cap(UserId user, LimitPeriod period, String reference, long coins) {
            this.user = user;
            this.period = period;
            this.reference = reference;
            this.coins = coins;
        }
    }

    // Every check happens here, before anything is written.
    private Prepared prepare(
            GiftRequest r, Instant at, IdempotencyKey txKey, Fingerprint fingerprint, Map<AccountId, Long> lotsTaken) {
        Gift gift = definition.gifts().find(r.gift()).orElseThrow(() -> new UnknownGiftException(r.gift()));
        if (!gift.allowedIn(r.context())) {
            throw new GiftNotAllowedException(r.gift(), GiftNotAllowedException.Reason.CONTEXT, r.context(), at);
        }
        if (!gift.availability().contains(at)) {
            throw new GiftNotAllowedException(r.gift(), GiftNotAllowedException.Reason.OUTSIDE_WINDOW, r.context(), at);
        }
        long coins = exact(gift.coins(), r.count(), "price " + gift.coins() + " × count " + r.count());
        long parts = exact(coins, numerator, "coins " + coins + " × share numerator " + numerator);
        if (r.sender().equals(r.creator())) {
            throw new NotEligibleException(
                    NotEligibleException.Party.SENDER,
                    NotEligibleException.Reason.SELF_GIFT,
                    r.sender(),
                    null,
                    -1,
                    -1,
                    "sending to oneself");
        }
        checkSender(r.sender(), gift, at);
        checkCreator(r.creator());
        // A refund of coins already spent may have frozen the wallet (docs/recharge.md). One read of an account that
        // exists only for members who were ever frozen; a freeze racing this gift may let it through.
        if (Recharges.isFrozen(store, r.sender())) {
            throw new WalletFrozenException(r.sender());
        }
        Map<AccountId, Cap> caps = checkLimits(r.sender(), coins, at);
        // The store's guard decides atomically; picking the lots first spares a refused gift the preparatory writes.
        AccountId wallet = AccountId.userCoins(r.sender());
        List<Lots.Take> takes = takeLots(r.sender(), coins, lotsTaken);

        String hour = names(at).hour;
        AccountId hold = AccountId.creatorHold(r.creator(), hour);
        TransactionRequest.Builder tx = TransactionRequest.builder(txKey, GIFT)
                .fingerprint(fingerprint)
                .debit(wallet, coins)
                .credit(CONSUMED, coins)
                .debit(PARTS_ISSUED, parts);
        long residue = 0;
        long held = parts;
        if (mode == ConversionMode.PLATFORM_RESIDUE) {
            residue = parts % partsPerDiamond;
            held = parts - residue;
        }
        // The lots consumed, and the link from each purchase to this creator's hold period (docs/recharge.md). In
        // platform-residue mode the held parts are linked too, split by coins (the rounding to the last lot), since
        // they are not a fixed multiple of the coins.
        Map<AccountId, Long> links = new LinkedHashMap<>(4);
        long linkedParts = 0;
        for (int i = 0; i < takes.size(); i++) {
            Lots.Take take = takes.get(i);
            tx.debit(take.lot(), take.coins());
            Link link = link(take.lot(), r.creator(), hour);
            links.merge(link.gifted, take.coins(), Long::sum);
            if (mode == ConversionMode.PLATFORM_RESIDUE && held > 0) {
                long share = i == takes.size() - 1 ? held - linkedParts : Lots.mulDiv(held, take.coins(), coins);
                linkedParts += share;
                if (share > 0) {
                    links.merge(link.held, share, Long::sum);
                }
            }
        }
        links.forEach(tx::credit);
        if (linkedParts > 0) {
            tx.debit(PARTS_LINKED, linkedParts);
        }
        if (held > 0) {
            tx.credit(hold, held);
        }
        if (residue > 0) {
            tx.credit(PARTS_RESIDUE, residue);
        }
        if (!caps.isEmpty()) {
            for (AccountId allowance : caps.keySet()) {
                tx.debit(allowance, coins);
            }
            tx.credit(ALLOWANCE_USED, exact(coins, caps.size(), "coins " + coins + " × limits " + caps.size()));
        }
        if (held == 0) {
            // No hold posting names the period: record it, so the receipt names the gift's own period.
            tx.attribute("hold-period", hour);
        }
        tx.attribute("gift", r.gift().value())
                .attribute("count", Long.toString(r.count()))
                .attribute("context", r.context().name())
                .attribute("context-id", r.contextId());
        return new Prepared(r, tx.build(), hold, caps, links.keySet());
    }

    /** The hold period and limit spans of one hour. */
    private static final class Names {
        final long epochHour;
        final String hour;
        final String[] spans;

        Names(long epochHour, String hour, String[] spans) {
            this.epochHour = epochHour;
            this.hour = hour;
            this.spans = spans;
        }

        String span(LimitPeriod period) {
            return spans[period.ordinal() - LimitPeriod.DAY.ordinal()];
        }
    }

    private Names names(Instant at) {
        long epochHour = Math.floorDiv(at.getEpochSecond(), 3600);
        Names current = names;
        if (current.epochHour != epochHour) {
            String[] spans = new String[SPANS.length];
            for (LimitPeriod period : SPANS) {
                spans[period.ordinal() - LimitPeriod.DAY.ordinal()] = SpendingPeriods.reference(period, at);
            }
            current = new Names(epochHour, HoldPeriods.reference(at), spans);
            names = current; // benign race: every thread computes the same names for an hour
        }
        return current;
    }

    private static long exact(long a, long b, String what) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " overflows a long", e);
        }
    }

    private MemberProfile profile(NotEligibleException.Party party, UserId user) {
        Optional<MemberProfile> found = members.find(user);
        if (found == null) {
            throw new IllegalStateException("the members port returned null for " + user);
        }
        return found.orElseThrow(() -> new NotEligibleException(
                party, NotEligibleException.Reason.UNKNOWN_MEMBER, user, null, -1, -1, "unknown to the host"));
    }

    private void checkSender(UserId sender, Gift gift, Instant at) {
        NotEligibleException.Party party = NotEligibleException.Party.SENDER;
        MemberProfile p = profile(party, sender);
        int minimum = definition.ages().minimumAge(p.region());
        int age = p.ageAt(at);
        if (age < minimum) {
            throw new NotEligibleException(
                    party,
                    NotEligibleException.Reason.TOO_YOUNG,
                    sender,
                    p.region(),
                    Math.max(age, 0),
                    minimum,
                    "age " + age + ", minimum in " + p.region() + " is " + minimum);
        }
        if (p.standing() != Standing.GOOD) {
            throw new NotEligibleException(
                    party,
                    NotEligibleException.Reason.STANDING,
                    sender,
                    p.region(),
                    -1,
                    -1,
                    p.standing().name());
        }
        if (!gift.availableIn(p.region())) {
            throw new NotEligibleException(
                    party,
                    NotEligibleException.Reason.REGION,
                    sender,
                    p.region(),
                    -1,
                    -1,
                    "gift " + gift.id() + " is not offered in " + p.region());
        }
    }

    private void checkCreator(UserId creator) {
        NotEligibleException.Party party = NotEligibleException.Party.CREATOR;
        MemberProfile p = profile(party, creator);
        if (p.standing() != Standing.GOOD) {
            throw new NotEligibleException(
                    party,
                    NotEligibleException.Reason.STANDING,
                    creator,
                    p.region(),
                    -1,
                    -1,
                    p.standing().name());
        }
        if (!p.mayReceiveGifts()) {
            throw new NotEligibleException(
                    party, NotEligibleException.Reason.CANNOT_RECEIVE, creator, p.region(), -1, -1, "");
        }
    }

    /** Plain checks of the caps a gift alone would break; returns the allowance accounts the gift must debit. */
    private Map<AccountId, Cap> checkLimits(UserId sender, long coins, Instant at) {
        long perGift = effectiveCap(sender, LimitPeriod.PER_GIFT, at);
        if (coins > perGift) {
            throw new LimitExceededException(sender, LimitPeriod.PER_GIFT, perGift, 0, coins);
        }
        Map<AccountId, Cap> caps = new TreeMap<>();
        for (LimitPeriod period : SPANS) {
            long cap = effectiveCap(sender, period, at);
            if (cap == Long.MAX_VALUE) {
                continue;
            }
            String reference = names(at).span(period);
            AccountId allowance = AccountId.member(AccountType.USER_ALLOWANCE, sender, reference);
            if (coins > cap) {
                long limit = store.exists(allowance) ? spanLimit(allowance) : cap;
                long used = store.exists(allowance) ? Math.max(0, limit - store.balance(allowance)) : 0;
                throw new LimitExceededException(sender, period, limit, used, coins);
            }
            caps.put(allowance, new Cap(sender, period, reference, cap));
        }
        return caps;
    }

    /** The lower of the platform's cap and the member's own, in coins; {@code Long.MAX_VALUE} if neither is set. */
    private long effectiveCap(UserId user, LimitPeriod period, Instant at) {
        long cap = platformCap(period, at);
        OptionalLong own = userLimits.find(user, period);
        return own.isPresent() ? Math.min(cap, own.getAsLong()) : cap;
    }

    private long platformCap(LimitPeriod period, Instant at) {
        long cap = Long.MAX_VALUE;
        for (SpendingLimit limit : limits.getOrDefault(period, List.of())) {
            OptionalLong coins = limit.coins();
            cap = Math.min(cap, coins.isPresent() ? coins.getAsLong() : fiatCap(limit, at));
        }
        return cap;
    }

    /**
     * A fiat cap in coins: the most coins the cap's money buys at the lowest per-coin price (bonus coins included)
     * among the fixed packages of the price table in force. Favouring the cheapest coins means a viewer is never
     * stopped before spending the cap's worth of money.
     */
    private long fiatCap(SpendingLimit limit, Instant at) {
        PriceTable table = definition.priceTables().asOf(at).orElseThrow(() -> new NoPriceTableException(at));
        MonetaryAmount money = limit.fiat().orElseThrow();
        // Keyed by value, not by text: a limit's text form formats its money, which is costly on every gift.
        FiatCapKey cacheKey = new FiatCapKey(table.effectiveFrom(), limit);
        Long cached = fiatCaps.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        BigDecimal amount = money.getNumber().numberValue(BigDecimal.class);
        long best = 0;
        for (var offer : table.channels().values()) {
            for (CoinPackage p : offer.packages()) {
                Optional<MonetaryAmount> price = p.price(definition.baseCurrency());
                if (price.isEmpty()) {
                    continue;
                }
                BigDecimal perPackage = price.get().getNumber().numberValue(BigDecimal.class);
                if (perPackage.signum() <= 0) {
                    continue;
                }
                BigDecimal coins =
                        amount.multiply(BigDecimal.valueOf(p.totalCoins())).divide(perPackage, 0, RoundingMode.FLOOR);
                long c = coins.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
                        ? Long.MAX_VALUE
                        : coins.longValueExact();
                best = Math.max(best, c);
            }
        }
        if (best == 0) {
            throw new IllegalStateException("no fixed package of the price table of " + table.effectiveFrom()
                    + " prices coins in " + definition.baseCurrency() + " to convert the limit " + limit);
        }
        fiatCaps.put(cacheKey, best);
        return best;
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
        Map<LimitPeriod, Long> caps = new EnumMap<>(LimitPeriod.class);
        for (LimitPeriod period : limits.keySet()) {
            caps.put(period, platformCap(period, at));
        }
        return caps;
    }

    private LimitExceededException limitExceeded(InsufficientBalanceException e, Map<AccountId, Cap> caps) {
        Cap cap = caps.get(e.account());
        if (cap == null) {
            throw e;
        }
        long limit = spanLimit(e.account());
        return new LimitExceededException(
                cap.user, cap.period, limit, Math.max(0, limit - e.available()), e.required());
    }

    /**
     * The limit in force for a span, as the ledger has it: the coins gifts took from the allowance plus what is left.
     * This is the grant less any cut the member made, whatever their cap setting says now (a raised cap applies from the
     * next span). Read only to explain a refusal.
     */
    private long spanLimit(AccountId allowance) {
        long used = 0;
        Optional<PageRequest> next = Optional.of(PageRequest.oldestFirst(PageRequest.MAX_SIZE));
        while (next.isPresent()) {
            Page page = store.entries(allowance, next.get());
            for (Entry e : page.entries()) {
                if (e.kind().equals(GIFT)) {
                    used = Math.subtractExact(used, e.amount());
                }
            }
            next = page.next();
        }
        return Math.addExact(used, store.balance(allowance));
    }

    // Opening accounts and granting rooms and allowances: the writes allowed before the gift itself (harmless: a grant
    // that precedes a refused gift changes no balance a member sees).
    private void prepareAccounts(Prepared p) {
        GiftRequest r = p.request;
        store.open(AccountId.userCoins(r.sender()));
        store.open(p.hold);
        for (AccountId link : p.gifted) {
            if (!linksOpen.contains(link)) {
                store.open(link);
                if (linksOpen.size() > GRANT_CACHE_MAX) {
                    linksOpen.clear();
                }
                linksOpen.add(link);
            }
        }
        creatorAccounts.prepare(r.creator());
        for (Map.Entry<AccountId, Cap> e : p.caps.entrySet()) {
            grantAllowance(e.getKey(), e.getValue());
        }
    }

    private static IdempotencyKey grantKey(UserId user, String reference) {
        return Keys.ALLOWANCE.key(user.value() + ":" + reference);
    }

    private void grantAllowance(AccountId allowance, Cap cap) {
        if (grantsApplied.contains(allowance)) {
            return;
        }
        IdempotencyKey key = grantKey(cap.user, cap.reference);
        store.open(allowance);
        if (store.find(key).isEmpty() && cap.coins > 0) {
            // A concurrent duplicate grant has the same key and contents, so it is a replay.
            store.apply(TransactionRequest.builder(key, "allowance-grant")
                    .fingerprint(Fingerprint.builder("allowance-grant")
                            .add(cap.user.value())
                            .add(cap.reference)
                            .build())
                    .debit(ALLOWANCE_GRANTED, cap.coins)
                    .credit(allowance, cap.coins)
                    .build());
            // A member may have lowered their cap between our read of it and the grant, without seeing the grant:
            // read it again now that the grant is visible, and cut as setUserLimit would have.
            OptionalLong own = userLimits.find(cap.user, cap.period);
            if (own.isPresent() && own.getAsLong() < cap.coins) {
                lowerAllowance(cap.user, cap.reference, allowance, cap.coins, own.getAsLong());
            }
        }
        if (grantsApplied.size() > GRANT_CACHE_MAX) {
            grantsApplied.clear();
        }
        grantsApplied.add(allowance);
    }

    private GiftReceipt receipt(GiftRequest r, AppliedTransaction t) {
        long coins = 0;
        long parts = 0;
        long residue = 0;
        String period = "";
        for (Entry e : t.entries()) {
            AccountType type = e.account().type();
            if (type == AccountType.COINS_CONSUMED) {
                coins = e.amount();
            } else if (type == AccountType.CREATOR_HOLD) {
                parts = e.amount();
                period = e.account().reference().orElseThrow();
            } else if (type == AccountType.PARTS_RESIDUE) {
                residue = e.amount();
            }
        }
        if (period.isEmpty()) {
            // The whole of a tiny gift went to the residue: name the period it would have been held in (the gift's
            // clock named it; the store's commit time may come from another clock).
            period = t.attributes().getOrDefault("hold-period", HoldPeriods.reference(t.committedAt()));
        }
        AccountId wallet = AccountId.userCoins(r.sender());
        long after = t.balanceAfter(wallet).orElseGet(() -> store.balance(wallet));
        return new GiftReceipt(
                t.id(),
                r.key(),
                r.sender(),
                r.creator(),
                r.gift(),
                r.count(),
                coins,
                parts,
                residue,
                partsPerDiamond,
                after,
                period,
                t.replay());
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
        Instant at = clock.instant();
        long platform = platformCap(period, at);
        if (coins < 0 || coins > platform) {
            throw new IllegalArgumentException("a member's own " + period + " cap must be from 0 to the platform's "
                    + (platform == Long.MAX_VALUE ? "(none)" : Long.toString(platform)) + ": " + coins);
        }
        OptionalLong old = userLimits.find(user, period);
        userLimits.set(user, period, coins);
        if (period == LimitPeriod.PER_GIFT) {
            return;
        }
        String reference = SpendingPeriods.reference(period, at);
        Optional<AppliedTransaction> grant = store.find(grantKey(user, reference));
        if (grant.isEmpty()) {
            return; // the period's grant, when it comes, uses the new cap
        }
        AccountId allowance = AccountId.member(AccountType.USER_ALLOWANCE, user, reference);
        long granted = grant.get().entry(allowance).map(Entry::amount).orElse(0L);
        long before = old.isPresent() ? Math.min(granted, old.getAsLong()) : granted;
        lowerAllowance(user, reference, allowance, before, coins);
    }

    /**
     * Cuts a span's allowance from an effective cap {@code before} to {@code after}: debits the difference, but never
     * more than is left. Keyed by the change, so the member's call and a concurrent first grant that both see it cut
     * once.
     */
    private void lowerAllowance(UserId user, String reference, AccountId allowance, long before, long after) {
        if (after >= before) {
            return;
        }
        for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
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
     * Returns the coins a member may still spend on gifts in the current span of a period.
     *
     * @param user the member, not null
     * @param period {@link LimitPeriod#DAY}, {@link LimitPeriod#WEEK} or {@link LimitPeriod#MONTH}, not null
     * @return the remaining coins, empty if no limit applies to the member in that period
     * @throws IllegalArgumentException if {@code period} is {@link LimitPeriod#PER_GIFT}
     */
    public OptionalLong remainingAllowance(UserId user, LimitPeriod period) {
        Objects.requireNonNull(user, "user");
        Instant at = clock.instant();
        String reference = SpendingPeriods.reference(period, at);
        long cap = effectiveCap(user, period, at);
        if (cap == Long.MAX_VALUE) {
            return OptionalLong.empty();
        }
        AccountId allowance = AccountId.member(AccountType.USER_ALLOWANCE, user, reference);
        if (store.find(grantKey(user, reference)).isEmpty()) {
            return OptionalLong.of(cap);
        }
        return OptionalLong.of(Math.min(cap, store.balance(allowance)));
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

    private Link link(AccountId lot, UserId creator, String hour) {
        LinkKey key = new LinkKey(lot, creator, hour);
        Link link = linkNames.get(key);
        if (link == null) {
            String hash = Lots.hashOf(lot);
            link = new Link(Lots.gifted(creator, hash, hour), Lots.held(creator, hash, hour));
            if (linkNames.size() > GRANT_CACHE_MAX) {
                linkNames.clear();
            }
            linkNames.put(key, link);
        }
        return link;
    }

    /** A lot, a creator and a hold period: what names a lot's links. */
    private record LinkKey(AccountId lot, UserId creator, String hour) {}

    /** The link accounts from a lot to a creator's hold period: coins spent, and in residue mode parts held. */
    private record Link(AccountId gifted, AccountId held) {}

    /** The cache key of a fiat cap converted to coins: the price table's version and the limit. */
    private record FiatCapKey(Instant tableVersion, SpendingLimit limit) {}
}
