package dev.coinage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.EarningsPolicy;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.ReleasedPartsPolicy;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CreatorInDebtException;
import dev.coinage.earnings.CreatorStatement;
import dev.coinage.earnings.InsufficientAvailableDiamondsException;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.recharge.BalanceImport;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.recharge.RefundResult;
import dev.coinage.recharge.ReleaseReversal;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.Members;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of a chargeback whose spent coins earned a creator parts that were already released, under both
 * {@link ReleasedPartsPolicy} values, on the example economy (a rose is 1 coin and earns 1 part; 2 parts make a
 * diamond; holds are released after 7 days; cash-outs start at 10,000 diamonds).
 */
class ReleasedPartsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(ExampleEconomy.NOW);
    private final Clock clock = new Clock() {
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
    private final UserId ana = UserId.of("ana");
    private final UserId bo = UserId.of("bo");
    private final UserId cleo = UserId.of("cleo");
    private final AccountId cleoDebt = AccountId.member(AccountType.CREATOR_DEBT, cleo);
    private LedgerStore store;
    private Coinage coinage;
    private int serial;

    /** A fresh store for one test, committing on the test's clock (statements count months by it). */
    protected LedgerStore newStore(Clock clock) {
        return InMemoryLedgerStore.create(clock);
    }

    /** Releases the store after the test. */
    protected void release(LedgerStore used) {}

    @AfterEach
    void close() {
        if (store != null) {
            release(store);
        }
    }

    private void start(ReleasedPartsPolicy policy) {
        EarningsPolicy e = ExampleEconomy.definition().earnings();
        EconomyDefinition economy = ExampleEconomy.definition()
                .withEarnings(new EarningsPolicy(e.share(), e.mode(), e.diamondValue(), e.holdWindow(), policy));
        store = newStore(clock);
        Region us = Region.of("US");
        coinage = Coinage.builder()
                .definition(economy)
                .store(store)
                .clock(clock)
                .payouts(new FakePayoutGateway())
                .members(new Members() {
                    @Override
                    public Optional<MemberProfile> find(UserId user) {
                        return Optional.of(new MemberProfile(
                                LocalDate.of(1990, 1, 1), us, dev.coinage.policy.Standing.GOOD, user.equals(cleo)));
                    }

                    @Override
                    public Optional<PayoutProfile> payoutProfile(UserId creator) {
                        return Optional.of(PayoutProfile.verified(Monetary.getCurrency("USD")));
                    }
                })
                .build();
    }

    private String buy(UserId user, String id, long coins) {
        now.updateAndGet(i -> i.plusMillis(1));
        return coinage.recharges()
                .importBalance(new BalanceImport(
                        user, id, coins, 0, Money.of(new BigDecimal("99.99"), Monetary.getCurrency("USD"))))
                .purchase();
    }

    private void roses(UserId from, long count) {
        coinage.gifts()
                .send(new GiftRequest(
                        IdempotencyKey.of("g" + serial++),
                        from,
                        cleo,
                        GiftId.of("rose"),
                        count,
                        GiftContext.LIVE,
                        "live-1"));
    }

    private void weekLater() {
        now.updateAndGet(i -> i.plus(Duration.ofDays(8)));
        coinage.holds().releaseDueHolds();
    }

    private long balance(AccountId a) {
        return store.exists(a) ? store.balance(a) : 0;
    }

    private void invariants() {
        LedgerInvariants.check(store, Set.of(cleoDebt, AccountId.userCoins(ana)));
        LedgerInvariants.checkLots(store);
    }

    /**
     * Ana buys 40,000 coins and sends cleo 24,000 roses; a week later cleo has 12,000 diamonds and cashes out 10,000.
     * Ana sends 12,000 more roses (still on hold) and her purchase is charged back.
     */
    private RefundResult chargeBackAfterRelease(ReleasedPartsPolicy policy) {
        start(policy);
        String purchase = buy(ana, "p1", 40_000);
        roses(ana, 24_000);
        weekLater();
        assertThat(balance(AccountId.creatorDiamonds(cleo))).isEqualTo(12_000);
        coinage.cashOuts().request(coinage.cashOuts().quote(cleo, 10_000), IdempotencyKey.of("cash-1"));
        assertThat(balance(AccountId.creatorDiamonds(cleo))).isEqualTo(2_000);
        roses(ana, 12_000);
        invariants();
        RefundResult r = coinage.recharges().refund(RefundRequest.full("cb-1", purchase, RefundKind.CHARGEBACK));
        invariants();
        assertThat(r.coins()).isEqualTo(40_000);
        assertThat(r.clawedBack() + r.debt() + r.writtenOff() + r.coveredByCreators())
                .isEqualTo(40_000);
        assertThat(r.partsReversed()).isEqualTo(12_000); // the newest gifts, still on hold
        return r;
    }

    @Test
    void takeFromAvailableTakesTheReleasedPartsFromDiamondsThenIntoDebtRepaidByLaterEarnings() {
        RefundResult r = chargeBackAfterRelease(ReleasedPartsPolicy.TAKE_FROM_AVAILABLE);

        // 4,000 unspent coins clawed back; the 36,000 spent ones are all covered by cleo: 12,000 parts from the hold,
        // 24,000 released parts taken back: her 2,000 diamonds (4,000 parts) and 20,000 parts of debt.
        assertThat(r.clawedBack()).isEqualTo(4_000);
        assertThat(r.coveredByCreators()).isEqualTo(36_000);
        assertThat(r.debt()).isZero();
        assertThat(r.partsNotReversed()).isZero();
        assertThat(r.partsBookedAsLoss()).isZero();
        assertThat(r.takenBack()).containsExactly(new ReleaseReversal(cleo, 24_000, 2_000, 20_000));
        assertThat(r.partsTakenBackAfterRelease()).isEqualTo(24_000);
        assertThat(balance(AccountId.creatorDiamonds(cleo))).isZero();
        assertThat(balance(AccountId.creatorCarry(cleo))).isZero();
        assertThat(balance(cleoDebt)).isEqualTo(-20_000);
        assertThat(balance(AccountId.member(AccountType.CREATOR_DEBT_DUE, cleo)))
                .isEqualTo(20_000);
        assertThat(balance(AccountId.system(AccountType.PARTS_TAKEN_BACK))).isEqualTo(24_000);
        assertThat(balance(AccountId.system(AccountType.PARTS_LOSS))).isZero();
        assertThat(balance(AccountId.userCoins(ana))).isZero();

        RefundResult replay =
                coinage.recharges().refund(RefundRequest.full("cb-1", r.purchase(), RefundKind.CHARGEBACK));
        assertThat(replay.replay()).isTrue();
        assertThat(replay.takenBack()).isEqualTo(r.takenBack());
        assertThat(replay.coveredByCreators()).isEqualTo(36_000);

        // In debt, cleo may not cash out, whatever she asks for.
        assertThatThrownBy(() -> coinage.cashOuts().quote(cleo, 10_000))
                .isInstanceOfSatisfying(CreatorInDebtException.class, e -> {
                    assertThat(e.creator()).isEqualTo(cleo);
                    assertThat(e.debtParts()).isEqualTo(20_000);
                });

        // Bo's 10,000 roses, released a week later, repay half the debt and leave cleo nothing to cash out.
        buy(bo, "p2", 30_000);
        roses(bo, 10_000);
        weekLater();
        invariants();
        assertThat(balance(cleoDebt)).isEqualTo(-10_000);
        assertThat(balance(AccountId.creatorDiamonds(cleo))).isZero();
        assertThatThrownBy(() -> coinage.cashOuts().quote(cleo, 10_000))
                .isInstanceOfSatisfying(CreatorInDebtException.class, e -> assertThat(e.debtParts())
                        .isEqualTo(10_000));

        // His next 20,000 roses: 10,000 parts repay the rest of the debt, 10,000 make 5,000 diamonds.
        roses(bo, 20_000);
        weekLater();
        invariants();
        assertThat(balance(cleoDebt)).isZero();
        assertThat(balance(AccountId.member(AccountType.CREATOR_DEBT_DUE, cleo)))
                .isZero();
        assertThat(balance(AccountId.creatorDiamonds(cleo))).isEqualTo(5_000);
        assertThatThrownBy(() -> coinage.cashOuts().quote(cleo, 10_000))
                .isInstanceOf(InsufficientAvailableDiamondsException.class);

        // The statement shows the taken-back line and the debt, and still reconciles with the ledger.
        YearMonth december = YearMonth.of(2025, 12);
        CreatorStatement s = coinage.cashOuts().statement(cleo, december, ZoneOffset.UTC);
        assertThat(s.partsTakenBack()).isEqualTo(24_000);
        assertThat(s.diamondsTakenBack()).isEqualTo(2_000);
        assertThat(s.debtOpening()).isZero();
        assertThat(s.debtClosing()).isZero();
        assertThat(s.diamondsClosing())
                .isEqualTo(s.diamondsOpening()
                        + s.diamondsMinted()
                        - s.diamondsCashedOut()
                        + s.diamondsReturned()
                        - s.diamondsTakenBack()
                        + s.diamondsOther());
        assertThat(s.diamondsClosing()).isEqualTo(balance(AccountId.creatorDiamonds(cleo)));
        assertThat(s.carryClosing()).isEqualTo(balance(AccountId.creatorCarry(cleo)));
        assertThat(s.diamondsOther()).isZero();
    }

    @Test
    void platformLossLeavesTheReleasedPartsWithTheCreatorAndTheViewerOwesTheirCoins() {
        RefundResult r = chargeBackAfterRelease(ReleasedPartsPolicy.PLATFORM_LOSS);

        assertThat(r.clawedBack()).isEqualTo(4_000);
        assertThat(r.coveredByCreators()).isEqualTo(12_000);
        assertThat(r.debt()).isEqualTo(24_000);
        assertThat(r.partsNotReversed()).isEqualTo(24_000);
        assertThat(r.partsBookedAsLoss()).isEqualTo(24_000);
        assertThat(r.takenBack()).isEmpty();
        assertThat(balance(AccountId.creatorDiamonds(cleo))).isEqualTo(2_000);
        assertThat(balance(cleoDebt)).isZero();
        assertThat(balance(AccountId.system(AccountType.PARTS_LOSS))).isEqualTo(-24_000);
        assertThat(balance(AccountId.system(AccountType.PARTS_TAKEN_BACK))).isZero();
        assertThat(balance(AccountId.userCoins(ana))).isEqualTo(-24_000);

        RefundResult replay =
                coinage.recharges().refund(RefundRequest.full("cb-1", r.purchase(), RefundKind.CHARGEBACK));
        assertThat(replay.replay()).isTrue();
        assertThat(replay.partsBookedAsLoss()).isEqualTo(24_000);

        CreatorStatement s = coinage.cashOuts().statement(cleo, YearMonth.of(2025, 12), ZoneOffset.UTC);
        assertThat(s.partsTakenBack()).isZero();
        assertThat(s.diamondsTakenBack()).isZero();
        assertThat(s.diamondsClosing()).isEqualTo(balance(AccountId.creatorDiamonds(cleo)));
    }
}
