package dev.coinage.recharge;

import static dev.coinage.recharge.RechargeFixture.USD;
import static dev.coinage.recharge.RechargeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.Gifting;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of coin lots: the consumption order, the link from lots to creators' holds, and what refunds do with
 * both (docs/recharge.md, "Lots").
 */
class LotsTest {
    private int serial;

    private static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), USD);
    }

    /** Imports a balance (the simplest way to make a lot of any size) one millisecond after the last. */
    private static String buy(RechargeFixture f, UserId user, String id, long paid, long bonus) {
        f.clock.advance(Duration.ofMillis(1));
        return f.recharges
                .importBalance(new BalanceImport(user, id, paid, bonus, usd("9.99")))
                .purchase();
    }

    private GiftReceipt roses(RechargeFixture f, UserId sender, UserId creator, long count) {
        return f.gifting.send(new GiftRequest(
                key("g" + serial++), sender, creator, GiftId.of("rose"), count, GiftContext.LIVE, "live-1"));
    }

    private static CoinLot lot(RechargeFixture f, String purchase) {
        return f.recharges.lot(purchase).orElseThrow();
    }

    private static long balance(RechargeFixture f, AccountId account) {
        return f.store.exists(account) ? f.store.balance(account) : 0;
    }

    @Test
    void giftsSpendPaidCoinsOldestFirstAndBonusCoinsLast() {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        String first = buy(f, ana, "t1", 100, 20);
        String second = buy(f, ana, "t2", 50, 10);

        roses(f, ana, cleo, 120); // all 100 paid coins of the first lot, then 20 of the second's paid coins

        assertThat(lot(f, first).unspentPaid()).isZero();
        assertThat(lot(f, first).unspentBonus()).isEqualTo(20);
        assertThat(lot(f, second).unspentPaid()).isEqualTo(30);
        assertThat(lot(f, second).unspentBonus()).isEqualTo(10);

        roses(f, ana, cleo, 45); // the 30 paid coins left, then bonus coins oldest first: 15 of the first lot's 20

        assertThat(lot(f, second).unspentPaid()).isZero();
        assertThat(lot(f, first).unspentBonus()).isEqualTo(5);
        assertThat(lot(f, second).unspentBonus()).isEqualTo(10);
        assertThat(f.coins(ana)).isEqualTo(15);
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aRefundOfSpentCoinsTakesBackTheDiamondPartsStillOnHold() {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        String purchase = buy(f, ana, "t1", 100, 0);
        GiftReceipt gift = roses(f, ana, cleo, 80); // 80 coins × 1/2: 80 parts held for cleo
        AccountId hold = AccountId.creatorHold(cleo, gift.holdPeriod());
        assertThat(f.store.balance(hold)).isEqualTo(80);

        RefundResult r = f.recharges.refund(RefundRequest.full("re-1", purchase, RefundKind.CHARGEBACK));

        assertThat(r.clawedBack()).isEqualTo(20); // the 20 coins not spent
        // ana has no other coins: the 80 spent coins are covered by cleo's hold, once, so ana owes nothing.
        assertThat(r.coveredByCreators()).isEqualTo(80);
        assertThat(r.debt()).isZero();
        assertThat(r.reversals()).containsExactly(new HoldReversal(cleo, gift.holdPeriod(), 80));
        assertThat(r.partsReversed()).isEqualTo(80);
        assertThat(r.partsNotReversed()).isZero();
        assertThat(f.store.balance(hold)).isZero();
        assertThat(f.coins(ana)).isZero();
        assertThat(balance(f, AccountId.member(AccountType.COIN_DEBT, ana))).isZero();
        // The hold now releases nothing: cleo earned nothing from coins that were never paid for.
        f.clock.advance(Duration.ofDays(8));
        assertThat(f.holds.releaseDueHolds().partsReleased()).isZero();
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of(AccountId.userCoins(ana)));

        RefundResult replay = f.recharges.refund(RefundRequest.full("re-1", purchase, RefundKind.CHARGEBACK));
        assertThat(replay.replay()).isTrue();
        assertThat(replay.reversals()).isEqualTo(r.reversals());
        assertThat(replay.partsNotReversed()).isZero();
    }

    @Test
    void partsAlreadyReleasedStayWithTheCreatorAndAreReported() {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        String purchase = buy(f, ana, "t1", 100, 0);
        roses(f, ana, cleo, 60);
        f.clock.advance(Duration.ofDays(8));
        f.holds.releaseDueHolds();
        long diamonds = f.store.balance(AccountId.creatorDiamonds(cleo));
        assertThat(diamonds).isEqualTo(30);
        GiftReceipt later = roses(f, ana, cleo, 30); // a newer hold period, still on hold

        RefundResult r = f.recharges.refund(RefundRequest.partial("re-1", purchase, 95, RefundKind.REFUND));

        // 10 coins unspent; 85 spent: the newest 30 earned the parts still held, the other 55 were released, so ana
        // owes them.
        assertThat(r.clawedBack()).isEqualTo(10);
        assertThat(r.coveredByCreators()).isEqualTo(30);
        assertThat(r.debt()).isEqualTo(55);
        assertThat(r.reversals()).containsExactly(new HoldReversal(cleo, later.holdPeriod(), 30));
        assertThat(r.partsNotReversed()).isEqualTo(55);
        assertThat(f.store.balance(AccountId.creatorDiamonds(cleo))).isEqualTo(diamonds);
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of(AccountId.userCoins(ana)));
    }

    @Test
    void theNextRechargeRepaysADebtFirstAndOnlyTheRestJoinsItsLot() {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        String first = buy(f, ana, "t1", 100, 0);
        roses(f, ana, cleo, 100);
        f.clock.advance(Duration.ofDays(8));
        f.holds.releaseDueHolds(); // released: cleo's hold cannot cover the coins, so ana owes them
        f.recharges.refund(RefundRequest.full("re-1", first, RefundKind.CHARGEBACK));
        assertThat(f.coins(ana)).isEqualTo(-100);

        String second = buy(f, ana, "t2", 130, 20);

        assertThat(f.coins(ana)).isEqualTo(50);
        assertThat(lot(f, second).unspentPaid()).isEqualTo(30);
        assertThat(lot(f, second).unspentBonus()).isEqualTo(20);
        assertThat(lot(f, second).refundable()).isEqualTo(150);
        assertThat(f.store.balance(AccountId.member(AccountType.COIN_DEBT, ana)))
                .isZero();
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of(AccountId.userCoins(ana)));
    }

    @Test
    void underFreezeARefundRecoversSpentCoinsFromTheOtherLotsBeforeWritingAnythingOff() {
        RechargeFixture f = new RechargeFixture(DebtPolicy.FREEZE);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        String first = buy(f, ana, "t1", 70, 0);
        String second = buy(f, ana, "t2", 700, 0);
        roses(f, ana, cleo, 100); // the first lot, then 30 of the second

        RefundResult r = f.recharges.refund(RefundRequest.full("re-1", first, RefundKind.REFUND));

        assertThat(r.clawedBack()).isEqualTo(70);
        assertThat(r.writtenOff()).isZero();
        assertThat(r.frozen()).isFalse();
        assertThat(r.partsReversed()).isZero(); // the coins were recovered from ana: cleo keeps her earnings
        assertThat(lot(f, second).unspentPaid()).isEqualTo(600);
        assertThat(f.coins(ana)).isEqualTo(600);
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void inResidueModeARefundTakesBackOnlyThePartsItsCoinsPutOnHold() {
        RechargeFixture f = new RechargeFixture(
                DebtPolicy.ALLOW_DEBT,
                InMemoryLedgerStore.create(),
                ExampleEconomy.withEarnings(1, 2, ConversionMode.PLATFORM_RESIDUE, Duration.ofDays(7)));
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        String first = buy(f, ana, "t1", 10, 0);
        String second = buy(f, ana, "t2", 10, 0);
        for (int i = 0; i < 10; i++) {
            roses(f, ana, cleo, 1); // one part each, all kept by the platform as residue: nothing held
        }
        GiftReceipt split = roses(f, ana, cleo, 7); // 7 parts: 6 held, 1 residue; all from the second lot
        assertThat(split.partsCredited()).isEqualTo(6);

        RefundResult two = f.recharges.refund(RefundRequest.partial("re-2", second, 5, RefundKind.REFUND));
        // 3 unspent coins clawed back, 2 of the 7 spent claimed: floor(6 × 2 / 7) = 1 part
        assertThat(two.clawedBack()).isEqualTo(3);
        assertThat(two.partsReversed()).isEqualTo(1);
        RefundResult rest = f.recharges.refund(RefundRequest.full("re-3", second, RefundKind.REFUND));
        assertThat(rest.partsReversed()).isEqualTo(5); // the 5 held parts left: never more than were held
        RefundResult one = f.recharges.refund(RefundRequest.full("re-1", first, RefundKind.REFUND));
        assertThat(one.partsReversed()).isZero(); // its roses put nothing on hold
        assertThat(one.partsNotReversed()).isZero();
        assertThat(f.store.balance(AccountId.creatorHold(cleo, split.holdPeriod())))
                .isZero();
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of(AccountId.userCoins(ana)));
    }

    @Test
    void coinsCreditedToAWalletWithoutALotCannotBeSpentAndNothingIsWritten() {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        AccountId wallet = AccountId.userCoins(ana);
        f.store.open(wallet);
        f.store.apply(TransactionRequest.builder(IdempotencyKey.of("raw"), "recharge")
                .debit(AccountId.system(AccountType.COINS_ISSUED_PAID), 50)
                .credit(wallet, 50)
                .build());
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> roses(f, ana, cleo, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds 50 coins but its lots only 0");

        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
    }

    @Test
    void aBatchOfGiftsTakesEachLotOnce() {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        String first = buy(f, ana, "t1", 30, 0);
        String second = buy(f, ana, "t2", 30, 0);
        Gifting g = f.gifting;

        g.sendAll(java.util.List.of(
                new GiftRequest(key("b1"), ana, cleo, GiftId.of("rose"), 20, GiftContext.LIVE, "l"),
                new GiftRequest(key("b2"), ana, cleo, GiftId.of("rose"), 20, GiftContext.LIVE, "l")));

        assertThat(lot(f, first).unspentPaid()).isZero();
        assertThat(lot(f, second).unspentPaid()).isEqualTo(20);
        LedgerInvariants.checkLots(f.store);
    }

    @Test
    void lotNamesDoNotDependOnTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            // A locale whose digits are not ASCII: a name formatted with it would not be a valid account name.
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("th-TH-u-nu-thai"));
            RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
            UserId ana = f.member("ana", false);
            String purchase = buy(f, ana, "t1", 10, 0);
            assertThat(lot(f, purchase).unspentPaid()).isEqualTo(10);
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
