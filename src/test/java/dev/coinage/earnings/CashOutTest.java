package dev.coinage.earnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.pricing.ExchangeRates;
import dev.coinage.pricing.FxRate;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
import dev.coinage.spi.PayoutResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePayoutGateway;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

class CashOutTest {
    static final Instant NOW = ExampleEconomy.NOW;
    static final EconomyDefinition ECONOMY = ExampleEconomy.definition();
    static final CurrencyUnit USD = Monetary.getCurrency("USD");
    static final CurrencyUnit EUR = Monetary.getCurrency("EUR");

    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final LedgerStore store = InMemoryLedgerStore.create(clock);
    final Map<UserId, MemberProfile> profiles = new ConcurrentHashMap<>();
    final Map<UserId, PayoutProfile> payouts = new ConcurrentHashMap<>();
    final FakePayoutGateway gateway = new FakePayoutGateway();
    final List<String> events = new CopyOnWriteArrayList<>();
    final CashOuts cashOuts = CashOuts.of(
            ECONOMY,
            store,
            new Members() {
                @Override
                public Optional<MemberProfile> find(UserId user) {
                    return Optional.ofNullable(profiles.get(user));
                }

                @Override
                public Optional<PayoutProfile> payoutProfile(UserId creator) {
                    return Optional.ofNullable(payouts.get(creator));
                }
            },
            gateway,
            ExchangeRates.fixed(List.of(new FxRate(USD, EUR, new BigDecimal("0.92"), NOW.minusSeconds(60), "fixed"))),
            clock,
            new EarningsListener() {
                @Override
                public void onCashOutRequested(CashOutEvent e) {
                    events.add("requested");
                }

                @Override
                public void onCashOutApproved(CashOutEvent e) {
                    events.add("approved");
                }

                @Override
                public void onCashOutRejected(CashOutEvent e) {
                    events.add("rejected");
                }

                @Override
                public void onCashOutPaid(CashOutEvent e) {
                    events.add("paid");
                }

                @Override
                public void onCashOutFailed(CashOutEvent e) {
                    events.add("failed");
                }

                @Override
                public void onCashOutReturned(CashOutEvent e) {
                    events.add("returned");
                }
            });
    private int grants;

    UserId creator(String name, long diamonds, CurrencyUnit currency) {
        UserId c = UserId.of(name);
        profiles.put(c, new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, true));
        payouts.put(c, PayoutProfile.verified(currency));
        AccountId a = AccountId.creatorDiamonds(c);
        store.open(a);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("mint-" + grants++), "hold-release")
                .debit(AccountId.system(AccountType.DIAMONDS_ISSUED), diamonds)
                .credit(a, diamonds)
                .build());
        return c;
    }

    long available(UserId c) {
        return cashOuts.earnings(c).availableDiamonds();
    }

    @Test
    void tenThousandDiamondsAreFiftyDollarsBeforeTheFixedFeeAndConvertToEurosAtTheFixedRate() {
        UserId ana = creator("ana", 10_000, EUR);
        CashOutQuote q = cashOuts.quote(ana, 10_000);
        assertThat(q.gross()).isEqualTo(Money.of(new BigDecimal("50.00"), USD));
        assertThat(q.fees()).isEqualTo(Money.of(new BigDecimal("0.25"), USD));
        assertThat(q.net()).isEqualTo(Money.of(new BigDecimal("49.75"), USD));
        assertThat(q.payout()).isEqualTo(Money.of(new BigDecimal("45.77"), EUR)); // 49.75 × 0.92
        assertThat(q.rate().orElseThrow().factor()).isEqualByComparingTo("0.92");
        assertThat(q.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        CashOutQuote usd = cashOuts.quote(ana, 10_000, USD);
        assertThat(usd.payout()).isEqualTo(usd.net());
        assertThat(usd.rate()).isEmpty();
    }

    @Test
    void aPaidPayoutBurnsItsDiamondsOnceAndAReturnGivesThemBack() {
        UserId ana = creator("ana", 25_000, USD);
        Payout p = cashOuts.request(cashOuts.quote(ana, 10_000), IdempotencyKey.of("w1"));
        assertThat(p.status()).isEqualTo(PayoutStatus.APPROVED);
        assertThat(cashOuts.earnings(ana)).isEqualTo(new CreatorEarnings(0, 0, 2, 15_000, 10_000));
        assertThat(cashOuts.request(p.quote(), IdempotencyKey.of("w1")).replay())
                .isTrue();

        assertThat(cashOuts.submit(p.id()).status()).isEqualTo(PayoutStatus.SUBMITTED);
        gateway.settle(p.id(), true);
        gateway.deliver(cashOuts, FakePayoutGateway.Delivery.DUPLICATED, new Random(1));
        assertThat(cashOuts.payout(p.id()).orElseThrow().status()).isEqualTo(PayoutStatus.PAID);
        assertThat(store.balance(AccountId.system(AccountType.DIAMONDS_PAID_OUT)))
                .isEqualTo(10_000);
        assertThat(cashOuts.earnings(ana).reservedDiamonds()).isZero();
        assertThat(cashOuts.failed(p.id(), "late").status()).isEqualTo(PayoutStatus.RETURNED);
        assertThat(cashOuts.paid(p.id()).replay()).isTrue();
        assertThat(available(ana)).isEqualTo(25_000);
        assertThat(store.balance(AccountId.system(AccountType.DIAMONDS_PAID_OUT)))
                .isZero();
        assertThat(gateway.timesPaid(p.id())).isEqualTo(1);
        assertThat(events).containsExactly("requested", "paid", "returned");

        YearMonth month = YearMonth.of(2025, 11);
        CreatorStatement s = cashOuts.statement(ana, month, ZoneOffset.UTC);
        assertThat(s.diamondsOpening()).isZero();
        assertThat(s.diamondsMinted()).isEqualTo(25_000);
        assertThat(s.diamondsCashedOut()).isEqualTo(10_000);
        assertThat(s.diamondsReturned()).isEqualTo(10_000);
        assertThat(s.diamondsClosing()).isEqualTo(25_000);
        assertThat(s.diamondsPaidOut()).isEqualTo(10_000);
        assertThat(s.netPaid()).isEqualTo(Money.of(new BigDecimal("49.75"), USD));
        assertThat(s.netReturned()).isEqualTo(Money.of(new BigDecimal("49.75"), USD));
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void reviewApprovesOrRejectsOnceAndFailureReturnsTheDiamonds() {
        UserId bo = creator("bo", 300_000, USD);
        payouts.put(bo, payouts.get(bo).withFlaggedForReview(true));
        Payout a = cashOuts.request(cashOuts.quote(bo, 20_000), IdempotencyKey.of("a"));
        Payout b = cashOuts.request(cashOuts.quote(bo, 20_000), IdempotencyKey.of("b"));
        assertThat(a.status()).isEqualTo(PayoutStatus.IN_REVIEW);
        assertThatThrownBy(() -> cashOuts.submit(a.id())).isInstanceOf(PayoutStateException.class);
        assertThat(cashOuts.reject(b.id(), "documents").status()).isEqualTo(PayoutStatus.REJECTED);
        assertThatThrownBy(() -> cashOuts.approve(b.id())).isInstanceOf(PayoutStateException.class);
        assertThat(cashOuts.approve(a.id()).status()).isEqualTo(PayoutStatus.APPROVED);
        assertThatThrownBy(() -> cashOuts.reject(a.id(), "late")).isInstanceOf(PayoutStateException.class);
        gateway.then(PayoutResult.Status.FAILED);
        assertThat(cashOuts.submit(a.id()).status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(cashOuts.paid(a.id()).status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(available(bo)).isEqualTo(300_000);
        assertThat(events).containsExactly("requested", "requested", "rejected", "approved", "failed");
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void aSubmissionWhoseAnswerWasLostIsReconciledAndPaidOnce() {
        UserId cy = creator("cy", 10_000, USD);
        Payout p = cashOuts.request(cashOuts.quote(cy, 10_000), IdempotencyKey.of("x"));
        gateway.then(PayoutResult.Status.PAID).loseAnswers();
        assertThatThrownBy(() -> cashOuts.submit(p.id())).isInstanceOf(IllegalStateException.class);
        assertThat(cashOuts.payout(p.id()).orElseThrow().status()).isEqualTo(PayoutStatus.SUBMITTED);
        gateway.recover();
        assertThat(cashOuts.reconcileSubmitted()).singleElement().satisfies(x -> assertThat(x.status())
                .isEqualTo(PayoutStatus.PAID));
        assertThat(cashOuts.submit(p.id()).status()).isEqualTo(PayoutStatus.PAID);
        assertThat(gateway.timesPaid(p.id())).isEqualTo(1);
        assertThat(available(cy)).isZero();
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void aSubmissionThatNeverReachedTheProviderIsSubmittedAgainUnderItsId() {
        UserId cy = creator("cy", 10_000, USD);
        Payout p = cashOuts.request(cashOuts.quote(cy, 10_000), IdempotencyKey.of("x"));
        gateway.failWith(new IllegalStateException("down"));
        assertThatThrownBy(() -> cashOuts.submit(p.id())).isInstanceOf(IllegalStateException.class);
        gateway.recover();
        gateway.then(PayoutResult.Status.PAID);
        assertThat(cashOuts.reconcile(p.id()).status()).isEqualTo(PayoutStatus.PAID);
        assertThat(gateway.timesPaid(p.id())).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithTheirFiguresAndWriteNothing() {
        UserId ana = creator("ana", 250_000, USD);
        LedgerSnapshot before = store.snapshot();
        assertThatThrownBy(() -> cashOuts.quote(ana, 250_001))
                .isInstanceOfSatisfying(InsufficientAvailableDiamondsException.class, e -> {
                    assertThat(e.requested()).isEqualTo(250_001);
                    assertThat(e.available()).isEqualTo(250_000);
                });
        assertThatThrownBy(() -> cashOuts.quote(ana, 9_999))
                .isInstanceOfSatisfying(CashOutBelowMinimumException.class, e -> assertThat(e.minimum())
                        .isEqualTo(10_000));
        assertThatThrownBy(() -> cashOuts.quote(ana, 10_000, Monetary.getCurrency("GBP")))
                .isInstanceOfSatisfying(PayoutCurrencyUnavailableException.class, e -> assertThat(e.payoutCurrency())
                        .isEqualTo("GBP"));
        CashOutQuote q = cashOuts.quote(ana, 10_000);
        CashOutQuote altered = new CashOutQuote(
                ana, 10_000, q.gross(), Money.of(0, USD), q.gross(), q.gross(), q.rate(), q.quotedAt(), q.expiresAt());
        assertThatThrownBy(() -> cashOuts.request(altered, IdempotencyKey.of("k")))
                .isInstanceOf(CashOutQuoteMismatchException.class);
        payouts.put(ana, new PayoutProfile(false, true, USD, false));
        assertThatThrownBy(() -> cashOuts.request(q, IdempotencyKey.of("k")))
                .isInstanceOfSatisfying(CashOutNotAllowedException.class, e -> assertThat(e.reason())
                        .isEqualTo(CashOutNotAllowedException.Reason.KYC_NOT_VERIFIED));
        payouts.put(ana, PayoutProfile.verified(USD));
        profiles.put(ana, new MemberProfile(LocalDate.of(2010, 1, 1), Region.of("US"), Standing.GOOD, true));
        assertThatThrownBy(() -> cashOuts.request(q, IdempotencyKey.of("k")))
                .isInstanceOfSatisfying(CashOutNotAllowedException.class, e -> assertThat(e.reason())
                        .isEqualTo(CashOutNotAllowedException.Reason.UNDER_AGE));
        profiles.put(ana, new MemberProfile(LocalDate.of(1990, 1, 1), Region.of("US"), Standing.GOOD, true));
        now.set(q.expiresAt());
        assertThatThrownBy(() -> cashOuts.request(q, IdempotencyKey.of("k")))
                .isInstanceOfSatisfying(CashOutQuoteExpiredException.class, e -> assertThat(e.expiresAt())
                        .isEqualTo(q.expiresAt()));
        assertThat(store.snapshot().balances()).isEqualTo(before.balances());
        assertThatThrownBy(() -> cashOuts.approve("0123456789abcdef01234567"))
                .isInstanceOf(UnknownPayoutException.class);
    }

    @Test
    void theDailyCapCountsRequestedAndPaidCashOutsAndFreesWhatFailed() {
        UserId ana = creator("ana", 400_000, USD);
        cashOuts.request(cashOuts.quote(ana, 100_000), IdempotencyKey.of("1")); // 500 USD: not above review
        Payout second = cashOuts.request(cashOuts.quote(ana, 100_000), IdempotencyKey.of("2"));
        assertThatThrownBy(() -> cashOuts.request(cashOuts.quote(ana, 10_000), IdempotencyKey.of("3")))
                .isInstanceOfSatisfying(CashOutCapExceededException.class, e -> {
                    assertThat(e.period()).isEqualTo("day");
                    assertThat(e.remainingDiamonds()).isZero();
                });
        gateway.then(PayoutResult.Status.FAILED);
        cashOuts.submit(second.id());
        assertThat(cashOuts.request(cashOuts.quote(ana, 10_000), IdempotencyKey.of("3"))
                        .status())
                .isEqualTo(PayoutStatus.APPROVED);
        now.set(NOW.plus(Duration.ofDays(1)));
        assertThat(cashOuts.request(cashOuts.quote(ana, 100_000), IdempotencyKey.of("4"))
                        .status())
                .isEqualTo(PayoutStatus.APPROVED);
        LedgerInvariants.check(store, Set.of());
    }

    @Test
    void monthlyStatementsInTheCreatorsZoneChainAcrossMonthBoundariesAndCloseOnTheLedger() {
        ZoneId newYork = ZoneId.of("America/New_York");
        UserId ana = creator("ana", 25_000, USD); // minted on 25 November
        new dev.coinage.engine.CreatorAccounts(store, 2).prepare(ana); // as the first gift does
        // A gift on 30 November at 20:00 in New York (1 December in UTC) holds 40,000 parts (20,000 diamonds).
        now.set(Instant.parse("2025-12-01T01:00:00Z"));
        AccountId hold = AccountId.creatorHold(ana, dev.coinage.engine.HoldPeriods.reference(now.get()));
        store.open(hold);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("gift"), "gift")
                .debit(AccountId.system(AccountType.PARTS_ISSUED), 40_000)
                .credit(hold, 40_000)
                .build());
        // Requested at 23:59 on 30 November in New York, paid a minute after midnight.
        now.set(Instant.parse("2025-12-01T04:59:00Z"));
        Payout p = cashOuts.request(cashOuts.quote(ana, 10_000, USD), IdempotencyKey.of("late"));
        cashOuts.submit(p.id());
        now.set(Instant.parse("2025-12-01T05:01:00Z"));
        gateway.settle(p.id(), true);
        gateway.deliver(cashOuts, FakePayoutGateway.Delivery.IN_ORDER, new Random(1));
        // The hold is released on 8 December; the payout comes back in January.
        now.set(Instant.parse("2025-12-08T12:00:00Z"));
        HoldReleases.of(ECONOMY, store, clock, new EarningsListener() {}).releaseDueHolds();
        now.set(Instant.parse("2026-01-10T12:00:00Z"));
        assertThat(cashOuts.returned(p.id(), "bank").status()).isEqualTo(PayoutStatus.RETURNED);

        CreatorStatement nov = cashOuts.statement(ana, YearMonth.of(2025, 11), newYork);
        CreatorStatement dec = cashOuts.statement(ana, YearMonth.of(2025, 12), newYork);
        CreatorStatement jan = cashOuts.statement(ana, YearMonth.of(2026, 1), newYork);
        assertThat(nov.from()).isEqualTo(Instant.parse("2025-11-01T04:00:00Z"));
        assertThat(nov.to()).isEqualTo(Instant.parse("2025-12-01T05:00:00Z"));
        assertThat(List.of(nov.partsHeld(), nov.heldClosing(), nov.diamondsMinted(), nov.diamondsCashedOut()))
                .containsExactly(40_000L, 40_000L, 25_000L, 10_000L);
        assertThat(List.of(nov.diamondsClosing(), nov.diamondsPaidOut())).containsExactly(15_000L, 0L);
        assertThat(List.of(dec.heldOpening(), dec.partsReleased(), dec.heldClosing(), dec.diamondsOpening()))
                .containsExactly(40_000L, 40_000L, 0L, 15_000L);
        assertThat(List.of(dec.diamondsMinted(), dec.diamondsPaidOut(), dec.diamondsClosing()))
                .containsExactly(20_000L, 10_000L, 35_000L);
        assertThat(dec.netPaid()).isEqualTo(Money.of(new BigDecimal("49.75"), USD));
        assertThat(List.of(jan.diamondsOpening(), jan.diamondsReturned(), jan.diamondsReturnedAfterPayment()))
                .containsExactly(35_000L, 10_000L, 10_000L);
        assertThat(jan.diamondsClosing()).isEqualTo(available(ana)).isEqualTo(45_000);
        assertThat(jan.heldClosing())
                .isEqualTo(cashOuts.earnings(ana).heldParts())
                .isZero();
        assertThat(jan.carryClosing()).isEqualTo(cashOuts.earnings(ana).carryParts());
        // In UTC the gift and the request fall in December.
        CreatorStatement novUtc = cashOuts.statement(ana, YearMonth.of(2025, 11), ZoneOffset.UTC);
        assertThat(List.of(novUtc.partsHeld(), novUtc.diamondsCashedOut())).containsExactly(0L, 0L);
        LedgerInvariants.check(store, Set.of());
    }
}
