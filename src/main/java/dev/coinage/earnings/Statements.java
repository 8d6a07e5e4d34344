package dev.coinage.earnings;

import dev.coinage.core.UserId;
import dev.coinage.engine.HoldPeriods;
import dev.coinage.engine.Keys;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.spi.LedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * Folds a creator's ledger entries into a monthly statement. The creator's hold periods are every hold that has parts
 * now, listed from the owner index, and every hold period from the creator's first earnings (the carry room granted
 * before their first gift) to the month's end, looked up hour by hour: a hold emptied by a release or a reversal long
 * after it was placed still counts in the months it held parts, so month after month the opening balance is the
 * previous closing balance.
 */
final class Statements {
    private static final Duration SLACK = Duration.ofDays(31);
    private static final int PAGE = 500;

    private final LedgerStore store;
    private final EconomyDefinition definition;

    Statements(LedgerStore store, EconomyDefinition definition) {
        this.store = store;
        this.definition = definition;
    }

    CreatorStatement of(UserId creator, YearMonth month, ZoneId zone, PayoutBook book) {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        long[] held = new long[4]; // opening, held, released, reversed
        for (AccountId hold : holds(creator, from, to)) {
            for (Entry e : entries(hold)) {
                if (e.committedAt().isBefore(from)) {
                    held[0] += e.amount();
                } else if (e.committedAt().isBefore(to)) {
                    if (e.amount() > 0) {
                        held[1] += e.amount();
                    } else if (e.kind().equals("hold-release")) {
                        held[2] -= e.amount();
                    } else {
                        held[3] -= e.amount();
                    }
                }
            }
        }
        long[] carry = fold(AccountId.creatorCarry(creator), from, to);
        // Parts taken back after release: what refunds took from the carry and into debt, and the diamonds they broke.
        long partsTakenBack = -movedByRefunds(AccountId.creatorCarry(creator), from, to)
                - movedByRefunds(AccountId.member(AccountType.CREATOR_DEBT, creator), from, to);
        long[] debt = fold(AccountId.member(AccountType.CREATOR_DEBT, creator), from, to);
        long[] d = new long[6]; // opening, minted, cashed out, returned, other, taken back
        long closing = 0;
        Set<String> payouts = new LinkedHashSet<>();
        AccountId diamonds = AccountId.creatorDiamonds(creator);
        if (store.exists(diamonds)) {
            for (Entry e : entries(diamonds)) {
                if (e.kind().startsWith(PayoutBook.REQUEST_KIND)) {
                    payouts.add(e.kind().substring(PayoutBook.REQUEST_KIND.length()));
                }
                if (!e.committedAt().isBefore(to)) {
                    continue;
                }
                closing += e.amount();
                if (e.committedAt().isBefore(from)) {
                    d[0] += e.amount();
                } else if (e.kind().equals("hold-release")) {
                    d[1] += e.amount();
                } else if (e.kind().startsWith(PayoutBook.REQUEST_KIND)) {
                    d[2] -= e.amount();
                } else if (takenBack(e)) {
                    d[5] -= e.amount();
                } else if (e.kind().equals(PayoutBook.REJECTED_KIND)
                        || e.kind().equals(PayoutBook.FAILED_KIND)
                        || e.kind().equals(PayoutBook.RETURNED_KIND)) {
                    d[3] += e.amount();
                } else {
                    d[4] += e.amount();
                }
            }
        }
        javax.money.CurrencyUnit c = definition.cashOut().currency();
        MonetaryAmount gross = Money.zero(c);
        MonetaryAmount fees = Money.zero(c);
        MonetaryAmount net = Money.zero(c);
        MonetaryAmount netReturned = Money.zero(c);
        long paidOut = 0;
        long returned = 0;
        for (String id : payouts) {
            PayoutBook.Record r = book.require(id);
            if (within(Keys.CASHOUT_PAID, id, from, to)) {
                paidOut += r.diamonds();
                gross = gross.add(r.quote().gross());
                fees = fees.add(r.quote().fees());
                net = net.add(r.quote().net());
            }
            if (within(Keys.CASHOUT_RETURNED, id, from, to)) {
                returned += r.diamonds();
                netReturned = netReturned.add(r.quote().net());
            }
        }
        return new CreatorStatement(
                creator,
                month,
                zone,
                from,
                to,
                held[0],
                held[1],
                held[2],
                held[3],
                held[0] + held[1] - held[2] - held[3],
                carry[0],
                carry[1],
                d[0],
                d[1],
                d[2],
                d[3],
                d[4],
                closing,
                paidOut,
                gross,
                fees,
                net,
                returned,
                netReturned,
                partsTakenBack + d[5] * definition.earnings().partsPerDiamond(),
                d[5],
                -debt[0],
                -debt[1]);
    }

    /** Tells whether an entry is a refund's or a chargeback's. */
    private static boolean takenBack(Entry e) {
        return e.kind().equals("refund") || e.kind().equals("chargeback");
    }

    /** Sums the entries refunds and chargebacks made in an account within [from, to). */
    private long movedByRefunds(AccountId account, Instant from, Instant to) {
        long sum = 0;
        if (!store.exists(account)) {
            return sum;
        }
        for (Entry e : entries(account)) {
            if (takenBack(e)
                    && !e.committedAt().isBefore(from)
                    && e.committedAt().isBefore(to)) {
                sum += e.amount();
            }
        }
        return sum;
    }

    /** The creator's hold accounts that may have entries before {@code to}. */
    private Set<AccountId> holds(UserId creator, Instant from, Instant to) {
        Set<AccountId> out = new TreeSet<>();
        AccountId after = null;
        while (true) {
            List<AccountBalance> page = store.memberAccounts(creator, AccountType.CREATOR_HOLD, after, PAGE);
            for (AccountBalance b : page) {
                if (HoldPeriods.epochHour(b.account().reference().orElseThrow()).isPresent()) {
                    out.add(b.account());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).account();
        }
        Instant hour = firstEarnings(creator)
                .orElse(from.minus(definition.earnings().holdWindow()).minus(SLACK))
                .truncatedTo(ChronoUnit.HOURS);
        for (; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            AccountId hold = AccountId.creatorHold(creator, HoldPeriods.reference(hour));
            if (!out.contains(hold) && store.exists(hold)) {
                out.add(hold);
            }
        }
        return out;
    }

    /**
     * When the creator's carry room was granted: before their first gift, so no hold of theirs is older. Empty for a
     * creator never prepared, and for an economy whose parts are whole diamonds (no carry room: then the emptied holds
     * looked up are those placed from the hold window and a month before the statement's month).
     */
    private Optional<Instant> firstEarnings(UserId creator) {
        AccountId room = AccountId.member(AccountType.CREATOR_CARRY_ROOM, creator);
        if (!store.exists(room)) {
            return Optional.empty();
        }
        List<Entry> first = store.entries(room, PageRequest.oldestFirst(1)).entries();
        return first.isEmpty() ? Optional.empty() : Optional.of(first.get(0).committedAt());
    }

    private boolean within(Keys kind, String id, Instant from, Instant to) {
        Optional<AppliedTransaction> tx = store.find(kind.key(id));
        return tx.isPresent()
                && !tx.get().committedAt().isBefore(from)
                && tx.get().committedAt().isBefore(to);
    }

    /** Returns the balance at {@code from} and at {@code to}. */
    private long[] fold(AccountId account, Instant from, Instant to) {
        long[] out = new long[2];
        if (!store.exists(account)) {
            return out;
        }
        for (Entry e : entries(account)) {
            if (e.committedAt().isBefore(from)) {
                out[0] += e.amount();
            }
            if (e.committedAt().isBefore(to)) {
                out[1] += e.amount();
            }
        }
        return out;
    }

    private List<Entry> entries(AccountId account) {
        List<Entry> all = new ArrayList<>();
        Optional<PageRequest> next = Optional.of(PageRequest.oldestFirst(PageRequest.MAX_SIZE));
        while (next.isPresent()) {
            Page page = store.entries(account, next.get());
            all.addAll(page.entries());
            next = page.next();
        }
        return all;
    }
}
