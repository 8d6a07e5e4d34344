package dev.coinage.earnings;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.AbuseAccounts;
import dev.coinage.engine.Keys;
import dev.coinage.engine.Listeners;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.CashOutPolicy;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExchangeRates;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.PayoutGateway;
import dev.coinage.spi.PayoutRequest;
import dev.coinage.spi.PayoutResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;

/**
 * Creators' cash-outs: quote, request, review, submit to the payout provider, and the provider's outcome.
 *
 * <p>The lifecycle: a request reserves the diamonds (they leave the creator's available diamonds but are not burned)
 * and lands {@linkplain PayoutStatus#IN_REVIEW in review} or {@linkplain PayoutStatus#APPROVED approved}; review
 * approves or rejects (diamonds returned); {@link #submit} records the payout as submitted, then calls the
 * {@link PayoutGateway}; the provider's outcome, from the call or a callback, makes it {@linkplain PayoutStatus#PAID
 * paid} (diamonds burned) or {@linkplain PayoutStatus#FAILED failed} (diamonds returned); a paid payout may come back
 * ({@linkplain PayoutStatus#RETURNED returned}: diamonds returned). Each state is a ledger balance, so the store's
 * atomic guard decides races (paid vs failed, approve vs reject), and each step is keyed so that retries, duplicate
 * and out-of-order callbacks change nothing more.
 *
 * <p>This class is thread-safe: several instances may share one store.
 */
public final class CashOuts {
    private static final int REQUEST_ATTEMPTS = 8;
    private static final int PAGE = 500;
    private static final AccountId ALLOWANCE_GRANTED = AccountId.system(AccountType.ALLOWANCE_GRANTED);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final EconomyDefinition definition;
    private final CashOutPolicy policy;
    private final LedgerStore store;
    private final Members members;
    private final PayoutGateway gateway;
    private final Clock clock;
    private final EarningsListener listener;
    private final CashOutQuoter quoter;
    private final PayoutBook book;
    private final Statements statements;

    private CashOuts(
            EconomyDefinition definition,
            LedgerStore store,
            Members members,
            PayoutGateway gateway,
            ExchangeRates rates,
            Clock clock,
            EarningsListener listener) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.policy = definition.cashOut();
        this.store = Objects.requireNonNull(store, "store");
        this.members = Objects.requireNonNull(members, "members");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.quoter = new CashOutQuoter(policy, Objects.requireNonNull(rates, "rates"));
        this.book = new PayoutBook(store, clock, listener);
        this.statements = new Statements(store, definition);
    }

    /**
     * Makes the service for one economy.
     *
     * @param definition the economy (its cash-out policy, minimum ages, earnings), not null
     * @param store the ledger, not null
     * @param members the host's members, with their payout profiles, not null
     * @param gateway the payout provider, not null
     * @param rates converts the settlement currency to payout currencies, not null
     * @param clock the economy's clock, not null
     * @param listener told about each committed step; its failures are logged and ignored; not null
     * @return the service, never null
     */
    public static CashOuts of(
            EconomyDefinition definition,
            LedgerStore store,
            Members members,
            PayoutGateway gateway,
            ExchangeRates rates,
            Clock clock,
            EarningsListener listener) {
        return new CashOuts(definition, store, members, gateway, rates, clock, listener);
    }

    /**
     * Reads a creator's earnings now; zeros for a creator never written.
     *
     * @param creator the creator, not null
     * @return the earnings, never null
     */
    public CreatorEarnings earnings(UserId creator) {
        Objects.requireNonNull(creator, "creator");
        long reserved = sum(creator, AccountType.PAYOUT_REVIEW)
                + sum(creator, AccountType.PAYOUT_APPROVED)
                + sum(creator, AccountType.PAYOUT_SUBMITTED);
        return new CreatorEarnings(
                sum(creator, AccountType.CREATOR_HOLD),
                balance(AccountId.creatorCarry(creator)),
                definition.earnings().partsPerDiamond(),
                balance(AccountId.creatorDiamonds(creator)),
                reserved);
    }

    /**
     * Quotes a cash-out in the creator's payout currency (from their payout profile).
     *
     * @param creator the creator, not null
     * @param diamonds the diamonds to cash out, positive
     * @return the quote, valid for the policy's quote validity, never null
     * @throws CashOutNotAllowedException if the creator may not cash out
     * @throws CreatorInDebtException if the creator owes parts taken back after their release
     * @throws CashOutBelowMinimumException if below the minimum
     * @throws InsufficientAvailableDiamondsException if more than available
     * @throws PayoutCurrencyUnavailableException if no rate converts to the payout currency
     */
    public CashOutQuote quote(UserId creator, long diamonds) {
        PayoutProfile profile = eligible(creator);
        return quote(creator, diamonds, profile.payoutCurrency());
    }

    /**
     * Quotes a cash-out in a given payout currency.
     *
     * @param creator the creator, not null
     * @param diamonds the diamonds to cash out, positive
     * @param currency the payout currency, not null
     * @return the quote, never null
     * @throws CashOutNotAllowedException if the creator may not cash out
     * @throws CreatorInDebtException if the creator owes parts taken back after their release
     * @throws CashOutBelowMinimumException if below the minimum
     * @throws InsufficientAvailableDiamondsException if more than available
     * @throws PayoutCurrencyUnavailableException if no rate converts to the currency
     * @throws IllegalArgumentException if {@code diamonds} is not positive
     */
    public CashOutQuote quote(UserId creator, long diamonds, CurrencyUnit currency) {
        eligible(creator);
        CashOutQuote q = quoter.quote(creator, diamonds, currency, clock.instant());
        long available = balance(AccountId.creatorDiamonds(creator));
        if (available < diamonds) {
            throw new InsufficientAvailableDiamondsException(creator, diamonds, available);
        }
        return q;
    }

    /**
     * Requests a cash-out at a quote: checks it, the creator's eligibility, the available diamonds and the caps, and
     * reserves the diamonds, all or nothing. Retrying with the same key returns the same payout.
     *
     * @param quote a quote from {@link #quote}, not expired, not null
     * @param key the caller's idempotency key for this request, not null
     * @return the payout, in review or approved, never null
     * @throws CashOutQuoteExpiredException if the quote expired; nothing was written
     * @throws CashOutQuoteMismatchException if the quote was altered; nothing was written
     * @throws CashOutNotAllowedException if the creator may not cash out; nothing was written
     * @throws CreatorInDebtException if the creator owes parts taken back after their release; nothing was written
     * @throws InsufficientAvailableDiamondsException if more than available; nothing was written
     * @throws CashOutCapExceededException if over the daily or weekly cap; nothing was written
     * @throws IdempotencyConflictException if the key was used for another cash-out; nothing was written
     */
    public Payout request(CashOutQuote quote, IdempotencyKey key) {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(key, "key");
        String id = payoutId(quote.creator(), key);
        Optional<PayoutBook.Record> existing = book.find(id);
        if (existing.isPresent()) {
            if (!CashOutQuoter.same(existing.get().quote(), quote)) {
                throw new IdempotencyConflictException(Keys.CASHOUT.key(id));
            }
            return book.view(existing.get(), true);
        }
        Instant now = clock.instant();
        quoter.verify(quote, now);
        PayoutProfile profile = eligible(quote.creator());
        UserId creator = quote.creator();
        LocalDate date = LocalDate.ofInstant(now, policy.zone());
        String day = "cd" + DAY.format(date);
        String week = String.format(
                "cw%04dW%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        boolean review = profile.flaggedForReview()
                || AbuseAccounts.reviewFlagged(store, creator)
                || policy.reviewAbove().map(quote.gross()::isGreaterThan).orElse(false);
        PayoutBook.Record r = new PayoutBook.Record(id, quote, day, week, review);
        for (int attempt = 0; attempt < REQUEST_ATTEMPTS; attempt++) {
            check(creator, quote.diamonds(), day, week);
            try {
                var applied = book.request(r);
                Payout p = book.view(r, applied.replay());
                if (!applied.replay()) {
                    CashOutEvent event = new CashOutEvent(p, now, "");
                    Listeners.call(listener, event, EarningsListener::onCashOutRequested, event);
                }
                return p;
            } catch (InsufficientBalanceException raced) {
                // Another cash-out took diamonds or allowance meanwhile: check again, with the figures it left.
            }
        }
        throw new dev.coinage.core.ConcurrentSpendingException(creator, REQUEST_ATTEMPTS);
    }

    private void check(UserId creator, long diamonds, String day, String week) {
        notInDebt(creator);
        long available = balance(AccountId.creatorDiamonds(creator));
        if (available < diamonds) {
            throw new InsufficientAvailableDiamondsException(creator, diamonds, available);
        }
        long leftToday = grant(creator, day, policy.dailyCap());
        if (leftToday < diamonds) {
            throw new CashOutCapExceededException("day", policy.dailyCap(), leftToday, diamonds);
        }
        long leftThisWeek = grant(creator, week, policy.weeklyCap());
        if (leftThisWeek < diamonds) {
            throw new CashOutCapExceededException("week", policy.weeklyCap(), leftThisWeek, diamonds);
        }
    }

    /** Grants a period's allowance once (every instance derives the same grant) and returns what is left of it. */
    private long grant(UserId creator, String period, javax.money.MonetaryAmount cap) {
        AccountId a = PayoutBook.allowance(creator, period);
        IdempotencyKey key = Keys.CASHOUT_ALLOWANCE.key(period + ":" + creator.value());
        // Decided by the grant, not by the account: a grant that failed after the account was opened is made again.
        if (store.find(key).isEmpty()) {
            store.open(a);
            store.apply(TransactionRequest.builder(key, "cashout-allowance")
                    .debit(ALLOWANCE_GRANTED, policy.diamondsWithin(cap))
                    .credit(a, policy.diamondsWithin(cap))
                    .build());
        }
        return store.balance(a);
    }

    private PayoutProfile eligible(UserId creator) {
        Objects.requireNonNull(creator, "creator");
        MemberProfile m = members.find(creator)
                .orElseThrow(
                        () -> CashOutNotAllowedException.of(creator, CashOutNotAllowedException.Reason.UNKNOWN_MEMBER));
        if (!m.mayReceiveGifts()) {
            throw CashOutNotAllowedException.of(creator, CashOutNotAllowedException.Reason.NOT_A_CREATOR);
        }
        int minimum = definition.ages().minimumAge(m.region());
        int age = m.ageAt(clock.instant());
        if (age < minimum) {
            throw CashOutNotAllowedException.underAge(creator, age, minimum);
        }
        if (m.standing() != Standing.GOOD) {
            throw CashOutNotAllowedException.standing(creator, m.standing());
        }
        PayoutProfile p = members.payoutProfile(creator)
                .orElseThrow(() ->
                        CashOutNotAllowedException.of(creator, CashOutNotAllowedException.Reason.NO_PAYOUT_PROFILE));
        if (!p.kycVerified()) {
            throw CashOutNotAllowedException.of(creator, CashOutNotAllowedException.Reason.KYC_NOT_VERIFIED);
        }
        if (!p.payoutMethodOnFile()) {
            throw CashOutNotAllowedException.of(creator, CashOutNotAllowedException.Reason.NO_PAYOUT_METHOD);
        }
        notInDebt(creator);
        return p;
    }

    /** Refuses a creator who owes parts a refund took back after their release. */
    private void notInDebt(UserId creator) {
        long debt = balance(AccountId.member(AccountType.CREATOR_DEBT, creator));
        if (debt < 0) {
            throw CreatorInDebtException.cashOutRefused(creator, -debt);
        }
    }

    /**
     * Reads a payout.
     *
     * @param payoutId the payout's id, not null
     * @return the payout, empty if none has this id
     */
    public Optional<Payout> payout(String payoutId) {
        return book.find(payoutId).map(r -> book.view(r, true));
    }

    /**
     * Approves a cash-out in review. Idempotent; an approved or later payout is returned unchanged.
     *
     * @param payoutId the payout's id, not null
     * @return the payout, never null
     * @throws UnknownPayoutException if no such payout; nothing was written
     * @throws PayoutStateException if it was rejected; nothing was written
     */
    public Payout approve(String payoutId) {
        return book.approve(book.require(payoutId));
    }

    /**
     * Rejects a cash-out in review: its diamonds and cap allowance return to the creator. Idempotent.
     *
     * @param payoutId the payout's id, not null
     * @param reason why, for the creator, not null
     * @return the payout, rejected, never null
     * @throws UnknownPayoutException if no such payout; nothing was written
     * @throws PayoutStateException if it is not in review (approved meanwhile, for example); nothing was written
     */
    public Payout reject(String payoutId, String reason) {
        Objects.requireNonNull(reason, "reason");
        return book.reject(book.require(payoutId), reason);
    }

    /**
     * Submits an approved cash-out to the payout provider: records it as submitted, then calls the gateway with the
     * payout's id as its idempotency key and records the outcome it answers. Calling it again for a submitted payout
     * calls the gateway again with the same id (safe: the provider pays once); for a finished payout it changes
     * nothing.
     *
     * @param payoutId the payout's id, not null
     * @return the payout: submitted (outcome to come by callback), paid or failed, never null
     * @throws UnknownPayoutException if no such payout; nothing was written
     * @throws PayoutStateException if it is in review or rejected; nothing was written
     * @throws RuntimeException whatever the gateway throws: the payout stays submitted, to be reconciled
     */
    public Payout submit(String payoutId) {
        PayoutBook.Record r = book.require(payoutId);
        PayoutStatus s = book.markSubmitted(r);
        if (s == PayoutStatus.IN_REVIEW || s == PayoutStatus.REJECTED) {
            throw new PayoutStateException(payoutId, s, "submit");
        }
        if (s != PayoutStatus.SUBMITTED) {
            return book.view(r, true);
        }
        PayoutResult result = Objects.requireNonNull(
                gateway.submit(new PayoutRequest(r.id(), r.creator(), r.quote().payout())),
                "the gateway returned null");
        return outcome(r, result);
    }

    private Payout outcome(PayoutBook.Record r, PayoutResult result) {
        switch (result.status()) {
            case PAID:
                return book.paid(r);
            case FAILED:
                return book.failed(r, result.reason());
            case RETURNED:
                book.paid(r);
                return book.returned(r, result.reason());
            case PENDING:
            case NOT_FOUND:
            default:
                return book.view(r, true);
        }
    }

    /**
     * Records the provider's report that a payout was paid: its diamonds are burned. Duplicate and late callbacks
     * (after a failure or return) change nothing.
     *
     * @param payoutId the payout's id, not null
     * @return the payout, never null
     * @throws UnknownPayoutException if no such payout; nothing was written
     * @throws PayoutStateException if it was never submitted; nothing was written
     */
    public Payout paid(String payoutId) {
        return book.paid(book.require(payoutId));
    }

    /**
     * Records the provider's report that a payout failed: its diamonds and cap allowance return to the creator. A
     * failure reported after payment (Stripe's paid then failed) is recorded as a return. Idempotent.
     *
     * @param payoutId the payout's id, not null
     * @param reason the provider's reason, not null
     * @return the payout, never null
     * @throws UnknownPayoutException if no such payout; nothing was written
     * @throws PayoutStateException if it was never submitted; nothing was written
     */
    public Payout failed(String payoutId, String reason) {
        Objects.requireNonNull(reason, "reason");
        return book.failed(book.require(payoutId), reason);
    }

    /**
     * Records the provider's report that a paid payout came back (PayPal RETURNED, REFUNDED, REVERSED): its diamonds
     * return to the creator. A return reported before the payment is recorded as a failure. Idempotent.
     *
     * @param payoutId the payout's id, not null
     * @param reason the provider's reason, not null
     * @return the payout, never null
     * @throws UnknownPayoutException if no such payout; nothing was written
     * @throws PayoutStateException if it was never submitted; nothing was written
     */
    public Payout returned(String payoutId, String reason) {
        Objects.requireNonNull(reason, "reason");
        return book.returned(book.require(payoutId), reason);
    }

    /**
     * Reconciles one payout with the provider: a submitted payout whose outcome was lost (a crash, a timeout) is looked
     * up by its id and recorded as the provider answers; one the provider never received is submitted again under the
     * same id. A paid payout the provider reports returned is recorded as returned.
     *
     * @param payoutId the payout's id, not null
     * @return the payout, never null
     * @throws UnknownPayoutException if no such payout
     */
    public Payout reconcile(String payoutId) {
        PayoutBook.Record r = book.require(payoutId);
        PayoutStatus s = book.status(r);
        if (s != PayoutStatus.SUBMITTED && s != PayoutStatus.PAID) {
            return book.view(r, true);
        }
        PayoutResult result = Objects.requireNonNull(gateway.status(r.id()), "the gateway returned null");
        if (s == PayoutStatus.PAID) {
            return result.status() == PayoutResult.Status.RETURNED || result.status() == PayoutResult.Status.FAILED
                    ? book.returned(r, result.reason())
                    : book.view(r, true);
        }
        if (result.status() == PayoutResult.Status.NOT_FOUND) {
            return submit(payoutId);
        }
        return outcome(r, result);
    }

    /**
     * Reconciles every submitted payout, as {@link #reconcile} does one: what a host runs after a restart.
     *
     * @return the payouts after reconciliation, never null
     */
    public List<Payout> reconcileSubmitted() {
        List<Payout> out = new ArrayList<>();
        AccountId after = null;
        while (true) {
            List<AccountId> page = store.nonZeroAccounts(AccountType.PAYOUT_SUBMITTED, after, PAGE);
            for (AccountId a : page) {
                out.add(reconcile(a.reference().orElseThrow()));
            }
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1);
        }
    }

    /**
     * Makes a creator's statement for one calendar month in a zone, from the ledger's entries.
     *
     * @param creator the creator, not null
     * @param month the month, not null
     * @param zone the creator's zone, not null
     * @return the statement, never null
     */
    public CreatorStatement statement(UserId creator, YearMonth month, ZoneId zone) {
        return statements.of(creator, month, zone, book);
    }

    /**
     * Returns the id a request by this creator with this key gets: what the host stores to follow the payout.
     *
     * @param creator the creator, not null
     * @param key the request's idempotency key, not null
     * @return the id, 24 lower-case hex digits, never null
     */
    public static String payoutId(UserId creator, IdempotencyKey key) {
        String text = Objects.requireNonNull(creator, "creator").value() + "\n"
                + Objects.requireNonNull(key, "key").value();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(24);
            for (int i = 0; i < 12; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16))
                        .append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private long sum(UserId creator, AccountType type) {
        long total = 0;
        AccountId after = null;
        while (true) {
            List<AccountBalance> page = store.memberAccounts(creator, type, after, PAGE);
            for (AccountBalance b : page) {
                total = Math.addExact(total, b.balance());
            }
            if (page.size() < PAGE) {
                return total;
            }
            after = page.get(page.size() - 1).account();
        }
    }

    private long balance(AccountId account) {
        return store.exists(account) ? store.balance(account) : 0;
    }
}
