package dev.coinage.earnings;

import dev.coinage.core.UserId;
import dev.coinage.engine.HoldPeriods;
import dev.coinage.engine.Keys;
import dev.coinage.ledger.AccountId;
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
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * Folds a creator's ledger entries into a monthly statement. Hold periods are looked up hour by hour from the month's
 * start less the hold window and a month of slack (for a release scheduler that ran late) to the month's end.
 */
final class Statements {
    private static final Duration SLACK = Duration.ofDays(31);

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
        Instant hour =
                from.minus(definition.earnings().holdWindow()).minus(SLACK).truncatedTo(ChronoUnit.HOURS);
        for (; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            AccountId hold = AccountId.creatorHold(creator, HoldPeriods.reference(hour));
            if (!store.exists(hold)) {
                continue;
            }
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
        long[] d = new long[5]; // opening, minted, cashed out, returned, other
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
                netReturned);
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
