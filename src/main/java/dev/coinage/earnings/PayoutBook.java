package dev.coinage.earnings;

import dev.coinage.core.UserId;
import dev.coinage.engine.Keys;
import dev.coinage.engine.Listeners;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.pricing.FxRate;
import dev.coinage.spi.LedgerStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * A payout's states as ledger balances and keys: each step is one transaction whose debit of the state it leaves lets
 * the store's guard decide races (approve vs reject, paid vs failed), and whose key makes it happen at most once.
 */
final class PayoutBook {
    static final String REQUEST_KIND = "cashout.";
    static final String REJECTED_KIND = "cashout-rejected";
    static final String FAILED_KIND = "cashout-failed";
    static final String RETURNED_KIND = "cashout-returned";
    private static final AccountId PAID_OUT = AccountId.system(AccountType.DIAMONDS_PAID_OUT);
    private static final AccountId ALLOWANCE_USED = AccountId.system(AccountType.ALLOWANCE_USED);
    private static final int READS = 16;

    private final LedgerStore store;
    private final Clock clock;
    private final EarningsListener listener;

    PayoutBook(LedgerStore store, Clock clock, EarningsListener listener) {
        this.store = store;
        this.clock = clock;
        this.listener = listener;
    }

    /** A requested payout as its request transaction recorded it. */
    record Record(String id, CashOutQuote quote, String day, String week, boolean review) {
        UserId creator() {
            return quote.creator();
        }

        long diamonds() {
            return quote.diamonds();
        }

        AccountId state(AccountType type) {
            return AccountId.member(type, creator(), id);
        }
    }

    static AccountId allowance(UserId creator, String period) {
        return AccountId.member(AccountType.CASHOUT_ALLOWANCE, creator, period);
    }

    Optional<Record> find(String id) {
        Objects.requireNonNull(id, "payoutId");
        if (!isId(id)) {
            return Optional.empty();
        }
        return store.find(Keys.CASHOUT.key(id)).map(tx -> parse(id, tx.attributes()));
    }

    Record require(String id) {
        return find(id).orElseThrow(() -> new UnknownPayoutException(id));
    }

    static boolean isId(String id) {
        return id.length() == 24 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** Records a request; returns the applied transaction. */
    AppliedTransaction request(Record r) {
        for (AccountType t :
                new AccountType[] {AccountType.PAYOUT_REVIEW, AccountType.PAYOUT_APPROVED, AccountType.PAYOUT_SUBMITTED
                }) {
            store.open(r.state(t));
        }
        CashOutQuote q = r.quote();
        long n = r.diamonds();
        TransactionRequest.Builder tx = TransactionRequest.builder(Keys.CASHOUT.key(r.id()), REQUEST_KIND + r.id())
                .debit(AccountId.creatorDiamonds(r.creator()), n)
                .credit(r.state(r.review() ? AccountType.PAYOUT_REVIEW : AccountType.PAYOUT_APPROVED), n)
                .debit(allowance(r.creator(), r.day()), n)
                .debit(allowance(r.creator(), r.week()), n)
                .credit(ALLOWANCE_USED, 2 * n)
                .attribute("creator", r.creator().value())
                .attribute("diamonds", Long.toString(n))
                .attribute("gross", number(q.gross()))
                .attribute("fees", number(q.fees()))
                .attribute("net", number(q.net()))
                .attribute("settlement", q.gross().getCurrency().getCurrencyCode())
                .attribute("payout", number(q.payout()))
                .attribute("currency", q.payout().getCurrency().getCurrencyCode())
                .attribute("quotedAt", q.quotedAt().toString())
                .attribute("expiresAt", q.expiresAt().toString())
                .attribute("day", r.day())
                .attribute("week", r.week())
                .attribute("review", Boolean.toString(r.review()));
        q.rate().ifPresent(rate -> tx.attribute("rate", rate.factor().toString())
                .attribute("rateAsOf", rate.asOf().toString())
                .attribute("rateSource", rate.source()));
        return store.apply(tx.build());
    }

    private static Record parse(String id, Map<String, String> a) {
        UserId creator = UserId.of(a.get("creator"));
        javax.money.CurrencyUnit settlement = Monetary.getCurrency(a.get("settlement"));
        javax.money.CurrencyUnit currency = Monetary.getCurrency(a.get("currency"));
        Optional<FxRate> rate = Optional.empty();
        if (a.containsKey("rate")) {
            rate = Optional.of(new FxRate(
                    settlement,
                    currency,
                    new BigDecimal(a.get("rate")),
                    Instant.parse(a.get("rateAsOf")),
                    a.get("rateSource")));
        }
        CashOutQuote q = new CashOutQuote(
                creator,
                Long.parseLong(a.get("diamonds")),
                Money.of(new BigDecimal(a.get("gross")), settlement),
                Money.of(new BigDecimal(a.get("fees")), settlement),
                Money.of(new BigDecimal(a.get("net")), settlement),
                Money.of(new BigDecimal(a.get("payout")), currency),
                rate,
                Instant.parse(a.get("quotedAt")),
                Instant.parse(a.get("expiresAt")));
        return new Record(id, q, a.get("day"), a.get("week"), Boolean.parseBoolean(a.get("review")));
    }

    private static String number(MonetaryAmount m) {
        return CashOutQuoter.number(m).toPlainString();
    }

    /** Reads where a payout is: finished steps by their keys, the reserved states by their balances. */
    PayoutStatus status(Record r) {
        for (int i = 0; i < READS; i++) {
            if (store.find(Keys.CASHOUT_RETURNED.key(r.id())).isPresent()) {
                return PayoutStatus.RETURNED;
            }
            if (store.find(Keys.CASHOUT_PAID.key(r.id())).isPresent()) {
                return PayoutStatus.PAID;
            }
            if (store.find(Keys.CASHOUT_FAILED.key(r.id())).isPresent()) {
                return PayoutStatus.FAILED;
            }
            if (store.find(Keys.CASHOUT_REJECTED.key(r.id())).isPresent()) {
                return PayoutStatus.REJECTED;
            }
            // Later states first: a step moves the diamonds forward, so a reader never misses both sides of it twice.
            if (store.balance(r.state(AccountType.PAYOUT_SUBMITTED)) > 0) {
                return PayoutStatus.SUBMITTED;
            }
            if (store.balance(r.state(AccountType.PAYOUT_APPROVED)) > 0) {
                return PayoutStatus.APPROVED;
            }
            if (store.balance(r.state(AccountType.PAYOUT_REVIEW)) > 0) {
                return PayoutStatus.IN_REVIEW;
            }
        }
        throw new IllegalStateException("cash-out " + r.id() + " kept moving while read");
    }

    Payout view(Record r, boolean replay) {
        return new Payout(r.id(), r.quote(), status(r), replay);
    }

    /** Moves the diamonds from one state to another; false if the state was left meanwhile (the guard refused). */
    private Optional<AppliedTransaction> step(
            Record r, Keys key, String kind, AccountType from, AccountId to, boolean giveBackAllowance) {
        long n = r.diamonds();
        TransactionRequest.Builder tx = TransactionRequest.builder(key.key(r.id()), kind)
                .debit(from == null ? PAID_OUT : r.state(from), n)
                .credit(to, n)
                .attribute("payout", r.id())
                .attribute("creator", r.creator().value());
        if (giveBackAllowance) {
            tx.credit(allowance(r.creator(), r.day()), n)
                    .credit(allowance(r.creator(), r.week()), n)
                    .debit(ALLOWANCE_USED, 2 * n);
        }
        try {
            return Optional.of(store.apply(tx.build()));
        } catch (InsufficientBalanceException left) {
            return Optional.empty();
        }
    }

    private Payout after(
            Record r, Optional<AppliedTransaction> applied, BiConsumer<EarningsListener, CashOutEvent> m, String why) {
        boolean fresh = applied.isPresent() && !applied.get().replay();
        Payout p = view(r, !fresh);
        if (fresh) {
            CashOutEvent event = new CashOutEvent(p, clock.instant(), why);
            Listeners.call(listener, event, m, event);
        }
        return p;
    }

    Payout approve(Record r) {
        PayoutStatus s = status(r);
        if (s == PayoutStatus.IN_REVIEW) {
            Optional<AppliedTransaction> a = step(
                    r,
                    Keys.CASHOUT_APPROVED,
                    "cashout-approved",
                    AccountType.PAYOUT_REVIEW,
                    r.state(AccountType.PAYOUT_APPROVED),
                    false);
            return after(r, a, EarningsListener::onCashOutApproved, "");
        }
        if (s == PayoutStatus.REJECTED) {
            throw new PayoutStateException(r.id(), s, "approve");
        }
        return view(r, true);
    }

    Payout reject(Record r, String reason) {
        PayoutStatus s = status(r);
        if (s == PayoutStatus.IN_REVIEW) {
            Optional<AppliedTransaction> a = step(
                    r,
                    Keys.CASHOUT_REJECTED,
                    REJECTED_KIND,
                    AccountType.PAYOUT_REVIEW,
                    AccountId.creatorDiamonds(r.creator()),
                    true);
            Payout p = after(r, a, EarningsListener::onCashOutRejected, reason);
            if (p.status() != PayoutStatus.REJECTED) {
                throw new PayoutStateException(r.id(), p.status(), "reject");
            }
            return p;
        }
        if (s == PayoutStatus.REJECTED) {
            return view(r, true);
        }
        throw new PayoutStateException(r.id(), s, "reject");
    }

    /** Records the payout as submitted if it is approved; returns its status after. */
    PayoutStatus markSubmitted(Record r) {
        PayoutStatus s = status(r);
        if (s == PayoutStatus.APPROVED) {
            step(
                    r,
                    Keys.CASHOUT_SUBMITTED,
                    "cashout-submitted",
                    AccountType.PAYOUT_APPROVED,
                    r.state(AccountType.PAYOUT_SUBMITTED),
                    false);
            s = status(r);
        }
        return s;
    }

    Payout paid(Record r) {
        PayoutStatus s = status(r);
        if (s == PayoutStatus.SUBMITTED) {
            Optional<AppliedTransaction> a =
                    step(r, Keys.CASHOUT_PAID, "cashout-paid", AccountType.PAYOUT_SUBMITTED, PAID_OUT, false);
            return after(r, a, EarningsListener::onCashOutPaid, "");
        }
        if (s == PayoutStatus.IN_REVIEW || s == PayoutStatus.APPROVED || s == PayoutStatus.REJECTED) {
            throw new PayoutStateException(r.id(), s, "pay");
        }
        return view(r, true); // paid, returned, or failed first: the first outcome stands
    }

    Payout failed(Record r, String reason) {
        PayoutStatus s = status(r);
        if (s == PayoutStatus.SUBMITTED) {
            Optional<AppliedTransaction> a = step(
                    r,
                    Keys.CASHOUT_FAILED,
                    FAILED_KIND,
                    AccountType.PAYOUT_SUBMITTED,
                    AccountId.creatorDiamonds(r.creator()),
                    true);
            if (a.isEmpty() && status(r) == PayoutStatus.PAID) {
                return returned(r, reason); // paid won the race: a failure after payment is a return
            }
            return after(r, a, EarningsListener::onCashOutFailed, reason);
        }
        if (s == PayoutStatus.PAID) {
            return returned(r, reason);
        }
        if (s == PayoutStatus.FAILED || s == PayoutStatus.RETURNED) {
            return view(r, true);
        }
        throw new PayoutStateException(r.id(), s, "fail");
    }

    Payout returned(Record r, String reason) {
        PayoutStatus s = status(r);
        if (s == PayoutStatus.PAID) {
            Optional<AppliedTransaction> a =
                    step(r, Keys.CASHOUT_RETURNED, RETURNED_KIND, null, AccountId.creatorDiamonds(r.creator()), false);
            return after(r, a, EarningsListener::onCashOutReturned, reason);
        }
        if (s == PayoutStatus.SUBMITTED) {
            return failed(r, reason); // returned before the paid callback arrived: the money never stayed out
        }
        if (s == PayoutStatus.FAILED || s == PayoutStatus.RETURNED) {
            return view(r, true);
        }
        throw new PayoutStateException(r.id(), s, "return");
    }
}
