package dev.coinage.earnings;

import dev.coinage.core.UserId;
import dev.coinage.engine.CreatorAccounts;
import dev.coinage.engine.HoldPeriods;
import dev.coinage.engine.Keys;
import dev.coinage.engine.Listeners;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.spi.LedgerStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Releases held earnings: moves the diamond parts of hold periods that are due into each creator's carry and mints
 * the whole diamonds the carry makes. A host's scheduler calls {@link #releaseDueHolds}; gifts keep arriving meanwhile.
 *
 * <p>This class is thread-safe: runs may overlap, on one instance or on several app instances sharing a store, and
 * each part is released once.
 */
public final class HoldReleases {
    private static final int RELEASE_ATTEMPTS = 8;
    private static final int PAGE = 500;
    private static final AccountId PARTS_CARRY_ROOM = AccountId.system(AccountType.PARTS_CARRY_ROOM);
    private static final AccountId PARTS_CONVERTED = AccountId.system(AccountType.PARTS_CONVERTED);
    private static final AccountId DIAMONDS_ISSUED = AccountId.system(AccountType.DIAMONDS_ISSUED);
    private static final AccountId CREATOR_DEBTS = AccountId.system(AccountType.CREATOR_DEBTS);

    private final LedgerStore store;
    private final long partsPerDiamond;
    private final Duration holdWindow;
    private final CreatorAccounts creatorAccounts;
    private final Clock clock;
    private final EarningsListener listener;

    private HoldReleases(EconomyDefinition definition, LedgerStore store, Clock clock, EarningsListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.partsPerDiamond = definition.earnings().partsPerDiamond();
        this.holdWindow = definition.earnings().holdWindow();
        this.creatorAccounts = new CreatorAccounts(store, partsPerDiamond);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Makes the service for one economy.
     *
     * @param definition the economy (its earnings policy), not null
     * @param store the ledger, not null
     * @param clock the economy's clock, the same the gifts are booked on: it alone says what is due; not null
     * @param listener told about each committed release; its failures are logged and ignored; not null
     * @return the service, never null
     */
    public static HoldReleases of(
            EconomyDefinition definition, LedgerStore store, Clock clock, EarningsListener listener) {
        Objects.requireNonNull(definition, "definition");
        return new HoldReleases(definition, store, clock, listener);
    }

    /**
     * Returns when the next release is due: the earliest instant at which a hold period still holding parts may be
     * released, for a host's scheduler. It may be in the past (a release is due now).
     *
     * @return the instant, empty if nothing is on hold
     */
    public Optional<Instant> nextReleaseDue() {
        Instant next = null;
        AccountId after = null;
        while (true) {
            List<AccountId> page = store.nonZeroAccounts(AccountType.CREATOR_HOLD, after, PAGE);
            for (AccountId hold : page) {
                String period = hold.reference().orElseThrow();
                if (HoldPeriods.epochHour(period).isPresent()) {
                    Instant at = HoldPeriods.releasableAt(period, holdWindow);
                    if (next == null || at.isBefore(next)) {
                        next = at;
                    }
                }
            }
            if (page.size() < PAGE) {
                return Optional.ofNullable(next);
            }
            after = page.get(page.size() - 1);
        }
    }

    /**
     * Returns when a hold period may be released: the end of its hour plus the economy's hold window.
     *
     * @param holdPeriod the period's reference, as a gift receipt names it, not null
     * @return the instant from which {@link #releaseDueHolds} releases it, never null
     * @throws IllegalArgumentException if the reference is not of the form {@code yyyyMMddHH}
     */
    public Instant releasableAt(String holdPeriod) {
        return HoldPeriods.releasableAt(holdPeriod, holdWindow);
    }

    private void notify(HoldReleased event) {
        Listeners.call(listener, event, EarningsListener::onHoldReleased, event);
    }

    /**
     * Releases every hold period that is due now, by the economy's clock: per creator, in one transaction, the due holds' parts move
     * to the creator's carry and every whole diamond the carry then makes is minted into their diamonds account. The
     * carry stays below one diamond, so a creator's whole diamonds plus {@code floor((carry + held) / partsPerDiamond)}
     * is always {@code floor(total coins × share)}, less what refunds took back. A creator in debt (parts a refund took
     * back after their release that their carry and diamonds did not cover) repays it first from the released parts.
     *
     * <p>Idempotent and resumable: each release is keyed by the state it read, so running it twice, concurrently, or
     * again after a crash releases each part once. A creator whose holds move while being read is retried a few times,
     * then left for the next run ({@link ReleaseSummary#creatorsDeferred()}).
     *
     * <p>Only the clock decides what is due: a host cannot release a hold early, whatever it calls and when.
     *
     * @return what this run released, never null
     */
    public ReleaseSummary releaseDueHolds() {
        Instant now = clock.instant();
        Map<UserId, List<AccountId>> due = new TreeMap<>();
        AccountId after = null;
        boolean more = true;
        while (more) {
            List<AccountId> page = store.nonZeroAccounts(AccountType.CREATOR_HOLD, after, PAGE);
            for (AccountId hold : page) {
                // Every held account is looked at: the order the store lists them in says nothing about when they
                // are due.
                String period = hold.reference().orElseThrow();
                if (HoldPeriods.epochHour(period).isEmpty()) {
                    continue; // not a gift's hold (another use case's reference): not ours to release
                }
                if (HoldPeriods.releasableAt(period, holdWindow).isAfter(now)) {
                    continue;
                }
                due.computeIfAbsent(hold.owner().orElseThrow(), c -> new ArrayList<>())
                        .add(hold);
            }
            if (page.size() < PAGE) {
                more = false;
            } else {
                after = page.get(page.size() - 1);
            }
        }
        int creators = 0;
        int deferred = 0;
        long parts = 0;
        long diamonds = 0;
        for (Map.Entry<UserId, List<AccountId>> e : due.entrySet()) {
            Optional<HoldReleased> released = release(e.getKey(), e.getValue(), now);
            if (released == null) {
                deferred++;
            } else if (released.isPresent()) {
                creators++;
                parts += released.get().partsReleased();
                diamonds += released.get().diamondsMinted();
                notify(released.get());
            }
        }
        return new ReleaseSummary(creators, parts, diamonds, deferred);
    }

    /** Returns the release event, empty if nothing was left to release or it was a replay, null if deferred. */
    private Optional<HoldReleased> release(UserId creator, List<AccountId> holds, Instant now) {
        creatorAccounts.prepare(creator);
        AccountId carry = AccountId.creatorCarry(creator);
        AccountId room = AccountId.member(AccountType.CREATOR_CARRY_ROOM, creator);
        AccountId debt = AccountId.member(AccountType.CREATOR_DEBT, creator);
        for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
            StringBuilder state = new StringBuilder(creator.value());
            long carried = readConsistently(carry, state);
            if (carried < 0) {
                continue;
            }
            List<AccountId> released = new ArrayList<>();
            List<Long> amounts = new ArrayList<>();
            long sum = 0;
            boolean moved = false;
            for (AccountId hold : holds) {
                long h = readConsistently(hold, state);
                if (h < 0) {
                    moved = true;
                    break;
                }
                if (h > 0) {
                    released.add(hold);
                    amounts.add(h);
                    sum = Math.addExact(sum, h);
                }
            }
            if (moved) {
                continue;
            }
            if (released.isEmpty()) {
                return Optional.empty();
            }
            // A creator in debt (parts a refund took back after their release) repays it first.
            long owed = 0;
            if (store.exists(debt)) {
                // Read like the others, but a debt is negative: -1 is a balance here, not a sign to read again.
                long before = newestSequence(debt);
                long d = store.balance(debt);
                if (newestSequence(debt) != before) {
                    continue;
                }
                state.append('|')
                        .append(debt)
                        .append('@')
                        .append(before)
                        .append('=')
                        .append(d);
                owed = Math.max(0, -d);
            }
            long repaid = Math.min(owed, sum);
            long earned = sum - repaid;
            long total = Math.addExact(carried, earned);
            long whole = total / partsPerDiamond;
            long delta = earned - whole * partsPerDiamond;
            TransactionRequest.Builder tx = TransactionRequest.builder(Keys.RELEASE.key(sha256(state)), "hold-release");
            for (int i = 0; i < released.size(); i++) {
                tx.debit(released.get(i), amounts.get(i));
            }
            if (repaid > 0) {
                tx.credit(debt, repaid)
                        .debit(AccountId.member(AccountType.CREATOR_DEBT_DUE, creator), repaid)
                        .credit(CREATOR_DEBTS, repaid);
            }
            if (delta > 0) {
                tx.credit(carry, delta).debit(room, delta).credit(PARTS_CARRY_ROOM, delta);
            } else if (delta < 0) {
                tx.debit(carry, -delta).credit(room, -delta).debit(PARTS_CARRY_ROOM, -delta);
            }
            if (whole > 0) {
                tx.credit(PARTS_CONVERTED, whole * partsPerDiamond)
                        .debit(DIAMONDS_ISSUED, whole)
                        .credit(AccountId.creatorDiamonds(creator), whole);
            }
            tx.attribute("creator", creator.value());
            AppliedTransaction applied;
            try {
                applied = store.apply(tx.build());
            } catch (InsufficientBalanceException | IdempotencyConflictException stateMoved) {
                continue;
            }
            if (applied.replay()) {
                return Optional.empty();
            }
            List<String> periods = new ArrayList<>();
            released.forEach(h -> periods.add(h.reference().orElseThrow()));
            return Optional.of(new HoldReleased(creator, periods, sum, whole, carried + delta, now));
        }
        return null;
    }

    /**
     * Reads an account's balance and newest entry sequence as one state, appending {@code account@sequence=balance}
     * to the state text; returns -1 if an entry arrived while reading.
     */
    private long readConsistently(AccountId account, StringBuilder state) {
        long before = newestSequence(account);
        long balance = store.balance(account);
        if (newestSequence(account) != before) {
            return -1;
        }
        state.append('|').append(account).append('@').append(before).append('=').append(balance);
        return balance;
    }

    private long newestSequence(AccountId account) {
        List<Entry> newest = store.entries(account, PageRequest.newestFirst(1)).entries();
        return newest.isEmpty() ? 0 : newest.get(0).sequence();
    }

    private static String sha256(CharSequence text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
