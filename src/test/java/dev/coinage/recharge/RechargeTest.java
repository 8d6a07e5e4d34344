package dev.coinage.recharge;

import static dev.coinage.recharge.RechargeFixture.USD;
import static dev.coinage.recharge.RechargeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.pricing.QuoteExpiredException;
import dev.coinage.pricing.QuoteMismatchException;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.LedgerInvariants;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

class RechargeTest {
    private final RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
    private final UserId ana = f.member("ana", false);
    private final UserId cleo = f.member("cleo", true);

    private static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), USD);
    }

    private static java.util.Map<AccountId, Long> nonZero(LedgerSnapshot snapshot) {
        java.util.Map<AccountId, Long> out = new java.util.HashMap<>(snapshot.balances());
        out.values().removeIf(b -> b == 0);
        return out;
    }

    private void spend(UserId sender, long roses, String key) {
        f.gifting.send(new GiftRequest(key(key), sender, cleo, GiftId.of("rose"), roses, GiftContext.LIVE, "live-1"));
    }

    @Test
    void aSuccessfulChargeCreditsPaidAndBonusCoinsOnce() {
        RechargeQuote quote = f.web(ana, "web-17500");

        RechargeReceipt first = f.recharges.charge(quote, key("c1"));
        RechargeReceipt retry = f.recharges.charge(quote, key("c1"));

        assertThat(first.status()).isEqualTo(RechargeReceipt.Status.CREDITED);
        assertThat(first.totalCoins()).isEqualTo(17_850);
        assertThat(first.walletAfter()).hasValue(17_850);
        assertThat(retry.replay()).isTrue();
        assertThat(f.coins(ana)).isEqualTo(17_850);
        assertThat(f.system(AccountType.COINS_ISSUED_PAID)).isEqualTo(-17_500);
        assertThat(f.system(AccountType.COINS_ISSUED_BONUS)).isEqualTo(-350);
        assertThat(f.gateway.payments()).isEqualTo(1);
        assertThat(f.events).hasSize(1).first().isInstanceOf(CoinsCredited.class);
        assertThat(f.recharges.lot(first.purchase()).orElseThrow().refundable()).isEqualTo(17_850);
        assertThat(f.recharges.lot(first.purchase()).orElseThrow().unitCost())
                .isEqualByComparingTo("0.01057142857142857");
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aPendingPaymentIsCreditedOnceByItsWebhookHoweverOftenItIsDelivered() {
        f.gateway.then(PaymentResult.Status.PENDING);
        RechargeReceipt pending = f.recharges.charge(f.web(ana, "web-700"), key("c1"));
        assertThat(pending.status()).isEqualTo(RechargeReceipt.Status.PENDING);
        assertThat(f.coins(ana)).isZero();

        RechargeReceipt confirmed = f.recharges.confirm(pending.purchase(), usd("7.40"));
        RechargeReceipt again = f.recharges.confirm(pending.purchase(), usd("7.4"));

        assertThat(confirmed.status()).isEqualTo(RechargeReceipt.Status.CREDITED);
        assertThat(confirmed.replay()).isFalse();
        assertThat(again.replay()).isTrue();
        assertThat(f.coins(ana)).isEqualTo(700);
        assertThat(f.recharges.charge(f.web(ana, "web-700"), key("c1")).replay())
                .isTrue();
        assertThat(f.coins(ana)).isEqualTo(700);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aWebhookAheadOfItsChargeIsUnknownAndWritesNothing() {
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> f.recharges.confirm("pay_9", usd("7.40")))
                .isInstanceOfSatisfying(UnknownPurchaseException.class, e -> assertThat(e.purchase())
                        .isEqualTo("pay_9"));
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
    }

    @Test
    void aConfirmationWithAnotherAmountOrCurrencyIsRefusedAndWritesNothing() {
        f.gateway.then(PaymentResult.Status.PENDING);
        RechargeReceipt pending = f.recharges.charge(f.web(ana, "web-700"), key("c1"));
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> f.recharges.confirm(pending.purchase(), usd("7.39")))
                .isInstanceOfSatisfying(PaymentMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(usd("7.40"));
                    assertThat(e.actual()).isEqualTo(usd("7.39"));
                });
        assertThatThrownBy(() -> f.recharges.confirm(
                        pending.purchase(),
                        Money.of(
                                new BigDecimal("7.40"),
                                RechargeFixture.ECONOMY.currency("EUR").orElseThrow())))
                .isInstanceOf(PaymentMismatchException.class);
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(f.coins(ana)).isZero();
    }

    @Test
    void aDeclinedPaymentIsNeverCredited() {
        f.gateway.then(PaymentResult.Status.PENDING);
        RechargeReceipt pending = f.recharges.charge(f.web(ana, "web-700"), key("c1"));

        assertThat(f.recharges.decline(pending.purchase())).isTrue();
        assertThat(f.recharges.decline(pending.purchase())).isTrue();
        assertThatThrownBy(() -> f.recharges.confirm(pending.purchase(), usd("7.40")))
                .isInstanceOf(PaymentDeclinedException.class);
        assertThat(f.coins(ana)).isZero();
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aFailedChargeWritesNothing() {
        f.gateway.then(PaymentResult.Status.FAILED);
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> f.recharges.charge(f.web(ana, "web-700"), key("c1")))
                .isInstanceOfSatisfying(PaymentFailedException.class, e -> assertThat(e.reason())
                        .isEqualTo("card declined"));
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
    }

    @Test
    void anExpiredQuoteIsRefusedBeforeTheGatewayIsCalled() {
        RechargeQuote quote = f.web(ana, "web-700");
        f.clock.advance(RechargeQuoter.DEFAULT_VALIDITY.plus(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> f.recharges.charge(quote, key("c1"))).isInstanceOf(QuoteExpiredException.class);
        assertThat(f.gateway.calls()).isZero();
        assertThat(f.coins(ana)).isZero();
    }

    @Test
    void anAlteredQuoteIsRefusedBeforeTheGatewayIsCalled() {
        RechargeQuote q = f.web(ana, "web-700");
        RechargeQuote altered = new RechargeQuote(
                q.id(),
                q.user(),
                q.channel(),
                q.storeFeeRate(),
                q.packageId(),
                q.paidCoins(),
                1000,
                q.region(),
                q.net(),
                q.tax(),
                q.gross(),
                q.taxRate(),
                q.taxDisplay(),
                q.tableVersion(),
                q.rate(),
                q.quotedAt(),
                q.expiresAt(),
                q.seal());

        assertThatThrownBy(() -> f.recharges.charge(altered, key("c1"))).isInstanceOf(QuoteMismatchException.class);
        assertThat(f.gateway.calls()).isZero();
        assertThat(f.coins(ana)).isZero();
    }

    @Test
    void aReplayedReceiptCreditsOnceAndAnotherBuyerCannotReuseIt() {
        AppStoreReceipt receipt = new AppStoreReceipt(
                ana,
                ChannelId.APPLE_APP_STORE,
                "1000000123",
                PackageId.of("apple-65"),
                usd("0.99"),
                RechargeFixture.US,
                f.clock.instant());
        UserId bob = f.member("bob", false);

        assertThat(f.recharges.creditReceipt(receipt).replay()).isFalse();
        assertThat(f.recharges.creditReceipt(receipt).replay()).isTrue();
        assertThatThrownBy(() -> f.recharges.creditReceipt(new AppStoreReceipt(
                        bob,
                        ChannelId.APPLE_APP_STORE,
                        "1000000123",
                        PackageId.of("apple-65"),
                        usd("0.99"),
                        RechargeFixture.US,
                        f.clock.instant())))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(f.coins(ana)).isEqualTo(65);
        assertThat(f.coins(bob)).isZero();
        assertThat(Recharges.receiptPurchase(ChannelId.APPLE_APP_STORE, "1000000123"))
                .isEqualTo("apple:1000000123");
    }

    @Test
    void anImportWhosePaidAndBonusCoinsOverflowIsRefusedNamingBothAndWritesNothing() {
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> f.recharges.importBalance(
                        new BalanceImport(ana, "1000000124", Long.MAX_VALUE - 5, 6, usd("0.99"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9223372036854775802")
                .hasMessageContaining("6");
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(f.recharges.lot(Recharges.importPurchase("1000000124"))).isEmpty();
    }

    @Test
    void anImportThatWouldOverflowTheWalletIsRefusedTypedAndWritesNothing() {
        long half = Long.MAX_VALUE / 2 + 1;
        f.recharges.importBalance(new BalanceImport(ana, "1000000125", half, 0, usd("1")));
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> f.recharges.importBalance(new BalanceImport(ana, "1000000126", half, 0, usd("1"))))
                .isInstanceOf(dev.coinage.ledger.BalanceOverflowException.class);
        // Empty accounts may have been opened for the purchase; no balance moved.
        assertThat(nonZero(f.store.snapshot())).isEqualTo(nonZero(before));
        assertThat(f.coins(ana)).isEqualTo(half);
        LedgerInvariants.checkLots(f.store);
    }

    @Test
    void aFullRefundOfUnspentCoinsClawsThemBack() {
        String p = f.recharges.charge(f.web(ana, "web-17500"), key("c1")).purchase();

        RefundResult r = f.recharges.refund(RefundRequest.full("re_1", p, RefundKind.REFUND));

        assertThat(r.coins()).isEqualTo(17_850);
        assertThat(r.clawedBack()).isEqualTo(17_850);
        assertThat(r.debt()).isZero();
        assertThat(r.frozen()).isFalse();
        assertThat(f.coins(ana)).isZero();
        assertThat(f.system(AccountType.COINS_ISSUED_PAID)).isZero();
        assertThat(f.system(AccountType.COINS_ISSUED_BONUS)).isZero();
        assertThat(f.recharges.lot(p).orElseThrow().refundable()).isZero();
        assertThat(f.events).hasSize(2).last().isInstanceOf(RefundApplied.class);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aRefundIsResolvedAtMostOnce() {
        String p = f.recharges.charge(f.web(ana, "web-700"), key("c1")).purchase();

        RefundResult first = f.recharges.refund(RefundRequest.partial("re_1", p, 300, RefundKind.REFUND));
        RefundResult again = f.recharges.refund(RefundRequest.partial("re_1", p, 300, RefundKind.REFUND));

        assertThat(first.replay()).isFalse();
        assertThat(again.replay()).isTrue();
        assertThat(again.coins()).isEqualTo(300);
        assertThat(f.coins(ana)).isEqualTo(400);
        assertThatThrownBy(() -> f.recharges.refund(RefundRequest.partial("re_1", p, 200, RefundKind.REFUND)))
                .isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void aRefundLargerThanThePurchaseIsRefusedAndWritesNothing() {
        String p = f.recharges.charge(f.web(ana, "web-700"), key("c1")).purchase();
        f.recharges.refund(RefundRequest.partial("re_1", p, 600, RefundKind.REFUND));
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> f.recharges.refund(RefundRequest.partial("re_2", p, 101, RefundKind.CHARGEBACK)))
                .isInstanceOfSatisfying(RefundExceedsPurchaseException.class, e -> {
                    assertThat(e.requested()).isEqualTo(101);
                    assertThat(e.refundable()).isEqualTo(100);
                });
        assertThatThrownBy(() -> f.recharges.refund(RefundRequest.full("re_3", "pay_404", RefundKind.REFUND)))
                .isInstanceOf(UnknownPurchaseException.class);
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(f.store.find(key("refund:re_2"))).isEmpty();
    }

    @Test
    void aChargebackAfterTheCoinsWereSpentPutsTheWalletIntoDebt() {
        String p = f.recharges.charge(f.web(ana, "web-700"), key("c1")).purchase();
        spend(ana, 500, "g1");
        releaseHolds(f); // the creator's earnings are released: only ana can cover the spent coins

        RefundResult r = f.recharges.refund(RefundRequest.full("dp_1", p, RefundKind.CHARGEBACK));

        assertThat(r.clawedBack()).isEqualTo(200);
        assertThat(r.debt()).isEqualTo(500);
        assertThat(r.frozen()).isFalse();
        assertThat(f.coins(ana)).isEqualTo(-500);
        LedgerInvariants.check(f.store, Set.of(AccountId.userCoins(ana)));

        // A later purchase repays the debt first.
        f.recharges.charge(f.web(ana, "web-700"), key("c2"));
        assertThat(f.coins(ana)).isEqualTo(200);
    }

    @Test
    void underTheFreezePolicyTheWalletIsEmptiedFrozenAndRefusesGifts() {
        RechargeFixture frozen = new RechargeFixture(DebtPolicy.FREEZE);
        UserId bea = frozen.member("bea", false);
        UserId dan = frozen.member("dan", true);
        String p =
                frozen.recharges.charge(frozen.web(bea, "web-700"), key("c1")).purchase();
        frozen.recharges.charge(frozen.web(bea, "web-70"), key("c2"));
        frozen.gifting.send(new GiftRequest(key("g1"), bea, dan, GiftId.of("rose"), 600, GiftContext.LIVE, "l"));
        releaseHolds(frozen);

        RefundResult r = frozen.recharges.refund(RefundRequest.full("re_1", p, RefundKind.REFUND));

        assertThat(r.clawedBack()).isEqualTo(170);
        assertThat(r.debt()).isZero();
        assertThat(r.writtenOff()).isEqualTo(530);
        assertThat(r.frozen()).isTrue();
        assertThat(frozen.coins(bea)).isZero();
        assertThat(frozen.recharges.isFrozen(bea)).isTrue();
        assertThat(frozen.events).last().isInstanceOf(WalletFrozen.class);
        LedgerInvariants.check(frozen.store, Set.of());

        frozen.recharges.charge(frozen.web(bea, "web-70"), key("c3"));
        LedgerSnapshot before = frozen.store.snapshot();
        assertThatThrownBy(() -> frozen.gifting.send(
                        new GiftRequest(key("g2"), bea, dan, GiftId.of("rose"), 1, GiftContext.LIVE, "l")))
                .isInstanceOfSatisfying(
                        WalletFrozenException.class, e -> assertThat(e.user()).isEqualTo(bea));
        assertThat(frozen.store.snapshot().balances()).isEqualTo(before.balances());

        assertThat(frozen.recharges.unfreeze(bea, key("support-1"))).isTrue();
        frozen.gifting.send(new GiftRequest(key("g2"), bea, dan, GiftId.of("rose"), 1, GiftContext.LIVE, "l"));
        assertThat(frozen.coins(bea)).isEqualTo(69);
    }

    @Test
    void underBothPoliciesTheWalletGoesIntoDebtAndIsFrozen() {
        RechargeFixture both = new RechargeFixture(DebtPolicy.BOTH);
        UserId bea = both.member("bea", false);
        UserId dan = both.member("dan", true);
        String p = both.recharges.charge(both.web(bea, "web-70"), key("c1")).purchase();
        both.gifting.send(new GiftRequest(key("g1"), bea, dan, GiftId.of("rose"), 70, GiftContext.LIVE, "l"));
        releaseHolds(both);

        RefundResult r = both.recharges.refund(RefundRequest.full("re_1", p, RefundKind.CHARGEBACK));

        assertThat(r.debt()).isEqualTo(70);
        assertThat(r.frozen()).isTrue();
        assertThat(both.coins(bea)).isEqualTo(-70);
        assertThat(both.recharges.isFrozen(bea)).isTrue();
        LedgerInvariants.check(both.store, Set.of(AccountId.userCoins(bea)));
    }

    @Test
    void aGatewayOutageWritesNothingAndTheRetryWithTheSameKeyCreditsOnce() {
        RechargeQuote quote = f.web(ana, "web-700");
        f.gateway.failWith(new IllegalStateException("provider timed out"));
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> f.recharges.charge(quote, key("c1"))).isInstanceOf(IllegalStateException.class);
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());

        f.gateway.recover();
        f.recharges.charge(quote, key("c1"));
        f.recharges.charge(quote, key("c1"));
        assertThat(f.coins(ana)).isEqualTo(700);
        assertThat(f.gateway.payments()).isEqualTo(1);
    }

    @Test
    void aFailingListenerCannotUndoACredit() {
        Recharges loud = Recharges.builder(f.quoter, f.store, f.gateway)
                .listener(new dev.coinage.recharge.RechargeListener() {
                    @Override
                    public void onCoinsCredited(CoinsCredited event) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();

        RechargeReceipt r = loud.charge(f.web(ana, "web-70"), key("c1"));

        assertThat(r.replay()).isFalse();
        assertThat(f.coins(ana)).isEqualTo(70);
    }

    /** Releases every hold, so a refund finds no creator's parts to take back. */
    private static void releaseHolds(RechargeFixture fixture) {
        fixture.clock.advance(Duration.ofDays(60));
        fixture.holds.releaseDueHolds();
    }
}
