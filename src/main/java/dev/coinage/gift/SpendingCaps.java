package dev.coinage.gift;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.policy.SpendingPeriods;
import dev.coinage.spi.UserLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * Spending caps: the platform's (through {@link PlatformCaps}) and members' own (through the {@link UserLimits} port),
 * the lower of which is in force. Checks what a gift alone would break, names the allowances a gift must debit, sets
 * and reads members' own caps, and explains a refusal by the store.
 *
 * <p>This class is thread-safe.
 */
final class SpendingCaps {
    /** The prefix of the span of an allowance at cost: {@code cost-day-20251125}. */
    static final String COST = "cost-";

    private final PlatformCaps platform;
    private final UserLimits userLimits;
    private final Allowances allowances;
    private final PeriodNames names;
    // The last caps found per member: a member's next gifts in the hour find the same ones.
    private final Map<UserId, Checked> checked = new ConcurrentHashMap<>();

    SpendingCaps(PlatformCaps platform, UserLimits userLimits, Allowances allowances, PeriodNames names) {
        this.platform = platform;
        this.userLimits = userLimits;
        this.allowances = allowances;
        this.names = names;
    }

    /**
     * Plain checks of the caps a gift of {@code coins} alone would break; returns the allowance accounts the gift must
     * debit, with their caps (empty if no span has a cap). {@code own} are the member's own caps, as
     * {@link UserLimits#findAll} read them for this gift.
     *
     * @throws LimitExceededException if the gift alone costs more than a cap
     */
    Map<AccountId, Cap> check(UserId sender, Map<LimitPeriod, Long> own, long coins, Instant at) {
        long hour = Math.floorDiv(at.getEpochSecond(), 3600);
        Checked last = platform.isFixed() ? checked.get(sender) : null;
        if (last == null || last.hour != hour || !last.own.equals(own)) {
            // The caps in force change only with the hour's spans and the member's own caps (and the price table when
            // a limit is in money, which is then never remembered).
            last = caps(sender, own, at, hour);
            if (platform.isFixed()) {
                if (checked.size() > KnownSet.MAX) {
                    checked.clear();
                }
                checked.put(sender, last);
            }
        }
        if (coins > last.perGift) {
            throw LimitExceededException.perGift(sender, last.perGift, coins);
        }
        if (coins > last.lowest) {
            for (int i = 0; i < last.spans.length; i++) {
                Cap cap = last.spans[i];
                if (coins > cap.coins()) {
                    AccountId allowance = last.accounts[i];
                    boolean opened = allowances.exists(allowance);
                    long limit = opened ? allowances.spanLimit(allowance) : cap.coins();
                    long used = opened ? Math.max(0, limit - allowances.remaining(allowance)) : 0;
                    throw LimitExceededException.inPeriod(sender, cap.period(), limit, used, coins);
                }
            }
        }
        return last.caps;
    }

    /** The caps in force for a member in an hour, given their own caps. */
    private Checked caps(UserId sender, Map<LimitPeriod, Long> own, Instant at, long hour) {
        long perGift = effectiveCap(own, LimitPeriod.PER_GIFT, at);
        long lowest = Long.MAX_VALUE;
        Map<AccountId, Cap> caps = new TreeMap<>();
        List<AccountId> accounts = new ArrayList<>(PeriodNames.SPANS.length);
        List<Cap> spans = new ArrayList<>(PeriodNames.SPANS.length);
        for (LimitPeriod period : PeriodNames.SPANS) {
            long cap = effectiveCap(own, period, at);
            if (cap == Long.MAX_VALUE) {
                continue;
            }
            String reference = names.span(period, at);
            AccountId allowance = Allowances.account(sender, reference);
            Cap span = new Cap(sender, period, reference, cap);
            caps.put(allowance, span);
            accounts.add(allowance);
            spans.add(span);
            lowest = Math.min(lowest, cap);
        }
        return new Checked(
                hour,
                Map.copyOf(own),
                perGift,
                lowest,
                accounts.toArray(new AccountId[0]),
                spans.toArray(new Cap[0]),
                caps.isEmpty() ? Map.of() : Collections.unmodifiableMap(caps));
    }

    /**
     * What {@link #check} found for a member in an hour: their own caps then, the per-gift cap, the lowest span cap,
     * the capped spans' allowances and caps in period order (the order a refusal names the first broken one), and
     * the same as the map a gift debits (sorted by account). Never changed once made.
     */
    @SuppressWarnings("ArrayRecordComponent")
    private record Checked(
            long hour,
            Map<LimitPeriod, Long> own,
            long perGift,
            long lowest,
            AccountId[] accounts,
            Cap[] spans,
            Map<AccountId, Cap> caps) {}

    /** Whether a span's limit is set in money, so that {@link #atCost} needs what a gift's coins cost. */
    boolean needsCost() {
        return platform.hasSpansInMoney();
    }

    /**
     * Checks the platform's limits set in money against what a gift's coins cost ({@code micros}, millionths of the
     * base currency); returns the allowance accounts at cost the gift must debit, with their caps.
     *
     * @throws LimitExceededException if the gift's coins alone cost more than a limit
     */
    Map<AccountId, Cap> atCost(UserId sender, long micros, long coins, Instant at) {
        Map<AccountId, Cap> caps = Map.of();
        for (LimitPeriod period : PeriodNames.SPANS) {
            long cap = platform.moneyCap(period);
            if (cap == Long.MAX_VALUE) {
                continue;
            }
            String reference = COST + names.span(period, at);
            AccountId allowance = Allowances.account(sender, reference);
            if (micros > cap) {
                boolean opened = allowances.exists(allowance);
                long limit = opened ? allowances.spanLimit(allowance) : cap;
                long used = opened ? Math.max(0, limit - allowances.remaining(allowance)) : 0;
                throw LimitExceededException.atCost(sender, period, money(limit), money(used), money(micros), coins);
            }
            if (caps.isEmpty()) {
                caps = new TreeMap<>();
            }
            caps.put(allowance, new Cap(sender, period, reference, cap, true));
        }
        return caps;
    }

    /** An amount in millionths of the base currency as money. */
    private MonetaryAmount money(long micros) {
        return Money.of(BigDecimal.valueOf(micros, 6).stripTrailingZeros(), platform.baseCurrency());
    }

    /**
     * Explains why the store refused a gift's debit of an allowance: the span's limit as the ledger has it, what was
     * used of it, and what the gift needed ({@code coins}, its coins, for a limit at cost).
     */
    LimitExceededException explain(InsufficientBalanceException refused, Cap cap, long coins) {
        long limit = allowances.spanLimit(refused.account());
        if (cap.atCost()) {
            return LimitExceededException.atCost(
                    cap.user(),
                    cap.period(),
                    money(limit),
                    money(Math.max(0, limit - refused.available())),
                    money(refused.required()),
                    coins);
        }
        return LimitExceededException.inPeriod(
                cap.user(), cap.period(), limit, Math.max(0, limit - refused.available()), refused.required());
    }

    /** As {@link Gifting#setUserLimit}, at an instant. */
    void setUserLimit(UserId user, LimitPeriod period, long coins, Instant at) {
        long platformCap = platform.cap(period, at);
        if (coins < 0 || coins > platformCap) {
            throw new IllegalArgumentException("a member's own " + period + " cap must be from 0 to the platform's "
                    + (platformCap == Long.MAX_VALUE ? "(none)" : Long.toString(platformCap)) + ": " + coins);
        }
        OptionalLong old = userLimits.find(user, period);
        userLimits.set(user, period, coins);
        if (period == LimitPeriod.PER_GIFT) {
            return;
        }
        String reference = SpendingPeriods.reference(period, at);
        Optional<AppliedTransaction> grant = allowances.findGrant(user, reference);
        if (grant.isEmpty()) {
            return; // the period's grant, when it comes, uses the new cap
        }
        AccountId allowance = Allowances.account(user, reference);
        long granted = grant.get().entry(allowance).map(Entry::amount).orElse(0L);
        long before = old.isPresent() ? Math.min(granted, old.getAsLong()) : granted;
        allowances.lower(user, reference, allowance, before, coins);
    }

    /** As {@link Gifting#remainingAllowance}, at an instant. */
    OptionalLong remainingAllowance(UserId user, LimitPeriod period, Instant at) {
        String reference = SpendingPeriods.reference(period, at);
        long cap = effectiveCap(user, period, at);
        if (cap == Long.MAX_VALUE) {
            return OptionalLong.empty();
        }
        if (allowances.findGrant(user, reference).isEmpty()) {
            return OptionalLong.of(cap);
        }
        return OptionalLong.of(Math.min(cap, allowances.remaining(Allowances.account(user, reference))));
    }

    /** As {@link Gifting#platformCaps}. */
    Map<LimitPeriod, Long> platformCaps(Instant at) {
        return platform.all(at);
    }

    /** The lower of the platform's cap and the member's own, in coins; {@code Long.MAX_VALUE} if neither is set. */
    private long effectiveCap(UserId user, LimitPeriod period, Instant at) {
        long cap = platform.cap(period, at);
        OptionalLong own = userLimits.find(user, period);
        return own.isPresent() ? Math.min(cap, own.getAsLong()) : cap;
    }

    /** As {@link #effectiveCap(UserId, LimitPeriod, Instant)}, from the member's caps read before. */
    private long effectiveCap(Map<LimitPeriod, Long> own, LimitPeriod period, Instant at) {
        long cap = platform.cap(period, at);
        Long mine = own.get(period);
        return mine == null ? cap : Math.min(cap, mine);
    }
}
