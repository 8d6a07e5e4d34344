package dev.coinage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOutQuote;
import dev.coinage.earnings.Payout;
import dev.coinage.earnings.PayoutStatus;
import dev.coinage.gift.CircularFlowFlagged;
import dev.coinage.gift.CoinsOnHoldException;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.VelocityLimitExceededException;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AbusePolicyTest {
    static final UserId VIEWER = UserId.of("viewer");
    static final UserId ANA = UserId.of("ana");
    static final UserId BEN = UserId.of("ben");

    static TestEconomy economy(AbusePolicy abuse) {
        TestEconomy e = new TestEconomy(InMemoryLedgerStore.create(), abuse);
        return e;
    }

    @Test
    void everyRuleIsOffByDefault() {
        AbusePolicy none = AbusePolicy.none();
        assertThat(none.giftsPerMinute()).isZero();
        assertThat(none.giftsPerMinuteToOneCreator()).isZero();
        assertThat(none.holdsFirstPurchases()).isFalse();
        assertThat(none.flagsCircularFlows()).isFalse();
        TestEconomy e = economy(none);
        e.buy(VIEWER, "web-7000", "o1");
        for (int i = 0; i < 100; i++) {
            e.gift("g" + i, VIEWER, ANA, "rose", 1);
        }
        assertThat(e.coins(VIEWER)).isEqualTo(6900);
    }

    @Test
    void policyArgumentsAreChecked() {
        assertThatThrownBy(() -> AbusePolicy.none().withGiftVelocity(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbusePolicy.none().withFirstPurchaseHold(-1, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbusePolicy.none().withFirstPurchaseHold(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbusePolicy.none().withCircularFlowFlag(0, true))
                .isInstanceOf(IllegalArgumentException.class);
        AbusePolicy p = AbusePolicy.none().withGiftVelocity(3, 2).withCircularFlowFlag(10, false);
        assertThat(p).isEqualTo(AbusePolicy.none().withGiftVelocity(3, 2).withCircularFlowFlag(10, false));
        assertThat(p.hashCode())
                .isEqualTo(AbusePolicy.none()
                        .withGiftVelocity(3, 2)
                        .withCircularFlowFlag(10, false)
                        .hashCode());
        assertThat(p).isNotEqualTo(AbusePolicy.none()).hasToString(p.toString());
    }

    @Test
    void aSenderPastTheGiftsPerMinuteIsRefusedWithTheLimitAndTheMinuteAndNothingIsWritten() {
        TestEconomy e = economy(AbusePolicy.none().withGiftVelocity(3, 0));
        e.buy(VIEWER, "web-700", "o1");
        e.gift("g1", VIEWER, ANA, "rose", 5);
        e.gift("g2", VIEWER, BEN, "rose", 1);
        e.gift("g3", VIEWER, ANA, "rose", 1);
        e.gift("g1", VIEWER, ANA, "rose", 5); // a replay counts nothing
        long before = e.coins(VIEWER);
        assertThatThrownBy(() -> e.gift("g4", VIEWER, BEN, "rose", 1))
                .isInstanceOfSatisfying(VelocityLimitExceededException.class, x -> {
                    assertThat(x.sender()).isEqualTo(VIEWER);
                    assertThat(x.creator()).isEmpty();
                    assertThat(x.limit()).isEqualTo(3);
                    assertThat(x.minute()).isEqualTo(Instant.parse("2025-11-25T09:00:00Z"));
                });
        assertThat(e.coins(VIEWER)).isEqualTo(before);
        assertThat(e.store.find(IdempotencyKey.of("gift:g4"))).isEmpty();
        e.advance(Duration.ofSeconds(60));
        e.gift("g4", VIEWER, BEN, "rose", 1);
        assertThat(e.coins(VIEWER)).isEqualTo(before - 1);
        LedgerInvariants.check(e.store, Set.of());
        LedgerInvariants.checkLots(e.store);
    }

    @Test
    void aSenderPastTheGiftsPerMinuteToOneCreatorMaySendToAnother() {
        TestEconomy e = economy(AbusePolicy.none().withGiftVelocity(0, 2));
        e.buy(VIEWER, "web-700", "o1");
        e.gift("g1", VIEWER, ANA, "rose", 1);
        e.gift("g2", VIEWER, ANA, "rose", 1);
        assertThatThrownBy(() -> e.gift("g3", VIEWER, ANA, "rose", 1))
                .isInstanceOfSatisfying(VelocityLimitExceededException.class, x -> {
                    assertThat(x.creator()).contains(ANA);
                    assertThat(x.limit()).isEqualTo(2);
                });
        e.gift("g4", VIEWER, BEN, "rose", 1);
        e.gift("g5", VIEWER, BEN, "rose", 1);
        assertThat(e.coins(VIEWER)).isEqualTo(696);
    }

    @Test
    void aBatchCountsEachOfItsGiftsAndIsRefusedWholeWhenOneIsPastTheLimit() {
        TestEconomy e = economy(AbusePolicy.none().withGiftVelocity(2, 0));
        e.buy(VIEWER, "web-700", "o1");
        assertThatThrownBy(() -> e.coinage
                        .gifts()
                        .sendAll(List.of(
                                TestEconomy.request("b1", VIEWER, ANA, "rose", 1),
                                TestEconomy.request("b2", VIEWER, ANA, "rose", 1),
                                TestEconomy.request("b3", VIEWER, ANA, "rose", 1))))
                .isInstanceOf(VelocityLimitExceededException.class);
        assertThat(e.coins(VIEWER)).isEqualTo(700);
        List<GiftReceipt> two = e.coinage
                .gifts()
                .sendAll(List.of(
                        TestEconomy.request("b1", VIEWER, ANA, "rose", 1),
                        TestEconomy.request("b2", VIEWER, ANA, "rose", 1)));
        assertThat(two).hasSize(2);
        assertThat(e.coins(VIEWER)).isEqualTo(698);
    }

    @Test
    void theVelocityLimitHoldsAcrossTwoEconomiesOverOneStore() {
        InMemoryLedgerStore store = InMemoryLedgerStore.create();
        AbusePolicy abuse = AbusePolicy.none().withGiftVelocity(4, 0);
        TestEconomy one = new TestEconomy(store, abuse);
        TestEconomy two = new TestEconomy(store, abuse, one.now);
        one.buy(VIEWER, "web-700", "o1");
        one.gift("g1", VIEWER, ANA, "rose", 1);
        two.gift("g2", VIEWER, ANA, "rose", 1);
        one.gift("g3", VIEWER, ANA, "rose", 1);
        two.gift("g4", VIEWER, ANA, "rose", 1);
        assertThatThrownBy(() -> one.gift("g5", VIEWER, ANA, "rose", 1))
                .isInstanceOf(VelocityLimitExceededException.class);
        assertThatThrownBy(() -> two.gift("g6", VIEWER, ANA, "rose", 1))
                .isInstanceOf(VelocityLimitExceededException.class);
        assertThat(one.coins(VIEWER)).isEqualTo(696);
    }

    @Test
    void aLargeFirstPurchaseIsCreditedButItsCoinsMayNotBeSpentUntilTheHoldEnds() {
        TestEconomy e = economy(AbusePolicy.none().withFirstPurchaseHold(1_000, Duration.ofDays(3)));
        e.buy(VIEWER, "web-7000", "o1");
        assertThat(e.coins(VIEWER)).isEqualTo(7000);
        Instant until = e.now.get().plus(Duration.ofDays(3));
        assertThatThrownBy(() -> e.gift("g1", VIEWER, ANA, "rose", 1))
                .isInstanceOfSatisfying(CoinsOnHoldException.class, x -> {
                    assertThat(x.sender()).isEqualTo(VIEWER);
                    assertThat(x.required()).isEqualTo(1);
                    assertThat(x.spendable()).isZero();
                    assertThat(x.held()).isEqualTo(7000);
                    assertThat(x.heldUntil()).isEqualTo(until);
                });
        // A second purchase is not held, even a large one; only its coins may be spent.
        e.buy(VIEWER, "web-1400", "o2");
        e.gift("g2", VIEWER, ANA, "galaxy", 1);
        assertThatThrownBy(() -> e.gift("g3", VIEWER, ANA, "galaxy", 1))
                .isInstanceOfSatisfying(CoinsOnHoldException.class, x -> assertThat(x.spendable())
                        .isEqualTo(400));
        assertThat(e.coins(VIEWER)).isEqualTo(7400);
        e.advance(Duration.ofDays(3));
        e.gift("g3", VIEWER, ANA, "galaxy", 1);
        e.gift("g4", VIEWER, ANA, "galaxy", 6);
        assertThat(e.coins(VIEWER)).isEqualTo(400);
        LedgerInvariants.check(e.store, Set.of());
        LedgerInvariants.checkLots(e.store);
    }

    @Test
    void aFirstPurchaseAtOrBelowTheLineIsNotHeld() {
        TestEconomy e = economy(AbusePolicy.none().withFirstPurchaseHold(700, Duration.ofDays(3)));
        e.buy(VIEWER, "web-700", "o1");
        e.gift("g1", VIEWER, ANA, "rose", 700);
        assertThat(e.coins(VIEWER)).isZero();
    }

    @Test
    void aHeldPurchaseRefundedTakesItsCoinsBackAsAnyOther() {
        TestEconomy e = economy(AbusePolicy.none().withFirstPurchaseHold(1_000, Duration.ofDays(3)));
        var receipt = e.buy(VIEWER, "web-7000", "o1");
        e.coinage
                .recharges()
                .refund(dev.coinage.recharge.RefundRequest.full(
                        "r1", receipt.purchase(), dev.coinage.recharge.RefundKind.CHARGEBACK));
        assertThat(e.coins(VIEWER)).isZero();
        LedgerInvariants.check(e.store, Set.of());
        LedgerInvariants.checkLots(e.store);
    }

    @Test
    void membersWhoSendEachOtherLargeAmountsAreFlaggedOnceAndTheirCashOutsGoToReview() {
        TestEconomy e = economy(AbusePolicy.none().withCircularFlowFlag(20_000, true));
        for (int i = 0; i < 5; i++) {
            e.buy(ANA, "web-7000", "a" + i);
            e.buy(BEN, "web-7000", "b" + i);
        }
        e.gift("a-to-b", ANA, BEN, "lion", 1);
        assertThat(e.flags).isEmpty();
        e.gift("b-to-a-1", BEN, ANA, "galaxy", 19);
        assertThat(e.flags).isEmpty();
        e.gift("b-to-a-2", BEN, ANA, "galaxy", 1);
        assertThat(e.flags).hasSize(1);
        CircularFlowFlagged flag = e.flags.get(0);
        assertThat(flag.sender()).isEqualTo(BEN);
        assertThat(flag.creator()).isEqualTo(ANA);
        assertThat(flag.coinsSent()).isEqualTo(20_000);
        assertThat(flag.coinsReceived()).isEqualTo(29_999);
        assertThat(flag.reviewCashOuts()).isTrue();
        e.gift("b-to-a-3", BEN, ANA, "rose", 1);
        e.gift("a-to-b-2", ANA, BEN, "rose", 1);
        assertThat(e.flags).hasSize(1);
        e.advance(Duration.ofDays(8));
        e.coinage.holds().releaseDueHolds();
        CashOutQuote quote = e.coinage.cashOuts().quote(BEN, 10_000);
        Payout p = e.coinage.cashOuts().request(quote, IdempotencyKey.of("co-1"));
        assertThat(p.status()).isEqualTo(PayoutStatus.IN_REVIEW);
        LedgerInvariants.check(e.store, Set.of());
        LedgerInvariants.checkLots(e.store);
    }

    @Test
    void withoutReviewAFlaggedMembersCashOutIsApprovedAndOneWaySendersAreNeverFlagged() {
        TestEconomy e = economy(AbusePolicy.none().withCircularFlowFlag(20_000, false));
        for (int i = 0; i < 5; i++) {
            e.buy(ANA, "web-7000", "a" + i);
            e.buy(BEN, "web-7000", "b" + i);
            e.buy(VIEWER, "web-7000", "v" + i);
        }
        e.gift("v-to-b", VIEWER, BEN, "lion", 1);
        e.gift("a-to-b", ANA, BEN, "lion", 1);
        assertThat(e.flags).isEmpty();
        e.gift("b-to-a", BEN, ANA, "lion", 1);
        assertThat(e.flags).extracting(CircularFlowFlagged::reviewCashOuts).containsExactly(false);
        e.advance(Duration.ofDays(8));
        e.coinage.holds().releaseDueHolds();
        Payout p = e.coinage.cashOuts().request(e.coinage.cashOuts().quote(BEN, 10_000), IdempotencyKey.of("co"));
        assertThat(p.status()).isEqualTo(PayoutStatus.APPROVED);
        assertThat(Optional.of(e.flags.get(0).at())).contains(Instant.parse("2025-11-25T09:00:00Z"));
    }
}
