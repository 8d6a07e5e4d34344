package dev.coinage.recharge;

import static dev.coinage.recharge.RechargeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chargeback of a purchase whose coins were spent, under both refund orders: a viewer buys 330 coins in the App
 * Store, then 350 on the web, gifts 300 (taken from the first purchase, oldest first), and the first purchase is
 * charged back. Each spent coin is recovered once, from the viewer or from the creator, never from both.
 */
class RefundOrderTest {

    private static final class Case {
        final RechargeFixture f;
        final UserId ana;
        final UserId cleo;
        final String first;
        final String second;
        final GiftReceipt gift;

        Case(RefundOrder order) {
            f = new RechargeFixture(
                    DebtPolicy.ALLOW_DEBT, order, InMemoryLedgerStore.create(), RechargeFixture.ECONOMY);
            ana = f.member("ana", false);
            cleo = f.member("cleo", true);
            first = f.appStore(ana, "apple-330", "1000000001");
            f.clock.advance(Duration.ofMillis(1));
            second = f.recharges.charge(f.web(ana, "web-350"), key("c1")).purchase();
            gift = f.gifting.send(
                    new GiftRequest(key("g1"), ana, cleo, GiftId.of("rose"), 300, GiftContext.LIVE, "live-1"));
        }

        long hold() {
            return f.store.balance(AccountId.creatorHold(cleo, gift.holdPeriod()));
        }

        long debt() {
            AccountId a = AccountId.member(AccountType.COIN_DEBT, ana);
            return f.store.exists(a) ? f.store.balance(a) : 0;
        }
    }

    @Test
    void viewerFirstRecoversTheSpentCoinsFromTheViewersOtherPurchaseAndLeavesTheCreatorsEarnings() {
        Case c = new Case(RefundOrder.VIEWER_FIRST);
        assertThat(c.f.coins(c.ana)).isEqualTo(380);
        long held = c.hold();
        assertThat(held).isPositive();

        RefundResult r = c.f.recharges.refund(RefundRequest.full("cb-1", c.first, RefundKind.CHARGEBACK));

        assertThat(r.coins()).isEqualTo(330);
        assertThat(r.clawedBack()).isEqualTo(330); // 30 unspent + 300 from the web purchase
        assertThat(r.coveredByCreators()).isZero();
        assertThat(r.partsReversed()).isZero();
        assertThat(r.debt()).isZero();
        assertThat(c.f.coins(c.ana)).isEqualTo(50);
        assertThat(c.hold()).isEqualTo(held);
        assertThat(c.f.recharges.lot(c.second).orElseThrow().unspentPaid()).isEqualTo(50);
        LedgerInvariants.checkLots(c.f.store);
        LedgerInvariants.check(c.f.store, Set.of());
    }

    @Test
    void creatorsFirstTakesBackTheCreatorsHeldPartsAndLeavesTheViewersOtherCoins() {
        Case c = new Case(RefundOrder.CREATORS_FIRST);
        long held = c.hold();

        RefundResult r = c.f.recharges.refund(RefundRequest.full("cb-1", c.first, RefundKind.CHARGEBACK));

        assertThat(r.clawedBack()).isEqualTo(30); // only the purchase's own unspent coins
        assertThat(r.coveredByCreators()).isEqualTo(300);
        assertThat(r.partsReversed()).isEqualTo(held);
        assertThat(r.reversals()).containsExactly(new HoldReversal(c.cleo, c.gift.holdPeriod(), held));
        assertThat(r.debt()).isZero();
        assertThat(c.f.coins(c.ana)).isEqualTo(350);
        assertThat(c.hold()).isZero();
        assertThat(c.f.recharges.lot(c.second).orElseThrow().unspentPaid()).isEqualTo(350);
        LedgerInvariants.checkLots(c.f.store);
        LedgerInvariants.check(c.f.store, Set.of());

        RefundResult replay = c.f.recharges.refund(RefundRequest.full("cb-1", c.first, RefundKind.CHARGEBACK));
        assertThat(replay.replay()).isTrue();
        assertThat(replay.coveredByCreators()).isEqualTo(300);
    }

    @Test
    void creatorsFirstFallsBackToTheViewerForPartsAlreadyReleased() {
        Case c = new Case(RefundOrder.CREATORS_FIRST);
        c.f.clock.advance(Duration.ofDays(60));
        c.f.holds.releaseDueHolds();

        RefundResult r = c.f.recharges.refund(RefundRequest.full("cb-1", c.first, RefundKind.CHARGEBACK));

        assertThat(r.coveredByCreators()).isZero();
        assertThat(r.partsNotReversed()).isPositive();
        assertThat(r.clawedBack()).isEqualTo(330);
        assertThat(c.debt()).isZero();
        assertThat(c.f.coins(c.ana)).isEqualTo(50);
        LedgerInvariants.checkLots(c.f.store);
    }
}
