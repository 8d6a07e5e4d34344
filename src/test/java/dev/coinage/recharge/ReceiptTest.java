package dev.coinage.recharge;

import static dev.coinage.recharge.RechargeFixture.USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.core.UserId;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.store.LedgerInvariants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * App-store receipts take their coins and price from the catalogue, never from the host; legacy balances come in only
 * through the explicit import.
 */
class ReceiptTest {
    private final RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
    private final UserId ana = f.member("ana", false);

    private static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), USD);
    }

    private AppStoreReceipt receipt(ChannelId channel, String id, String product, Money price, Instant at) {
        return new AppStoreReceipt(ana, channel, id, PackageId.of(product), price, RechargeFixture.US, at);
    }

    private void refused(AppStoreReceipt r, ReceiptRejectedException.Reason reason) {
        LedgerSnapshot before = f.store.snapshot();
        assertThatThrownBy(() -> f.recharges.creditReceipt(r))
                .isInstanceOfSatisfying(ReceiptRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.channel()).isEqualTo(r.channel());
                    assertThat(e.product()).isEqualTo(r.product());
                    assertThat(e.price()).isEqualTo(r.price());
                });
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(f.recharges.lot(Recharges.receiptPurchase(r.channel(), r.originalTransactionId())))
                .isEmpty();
        assertThat(f.coins(ana)).isZero();
    }

    @Test
    void theCoinsComeFromTheCataloguesPackage() {
        RechargeReceipt r = f.recharges.creditReceipt(
                receipt(ChannelId.APPLE_APP_STORE, "1", "apple-330", usd("4.99"), f.clock.instant()));

        assertThat(r.paidCoins()).isEqualTo(330);
        assertThat(r.bonusCoins()).isZero();
        assertThat(r.amount()).isEqualTo(usd("4.99"));
        assertThat(f.coins(ana)).isEqualTo(330);
        assertThat(f.recharges.lot(r.purchase()).orElseThrow().unitCost())
                .isEqualByComparingTo(
                        new BigDecimal("4.99").divide(BigDecimal.valueOf(330), java.math.MathContext.DECIMAL64));
    }

    @Test
    void aReceiptClaimingAMillionCoinsForNinetyNineCentsIsRefused() {
        // No package of the App Store sells a million coins.
        refused(
                receipt(ChannelId.APPLE_APP_STORE, "2", "coins-1000000", usd("0.99"), f.clock.instant()),
                ReceiptRejectedException.Reason.UNKNOWN_PRODUCT);
        // The largest package is not sold for $0.99.
        refused(
                receipt(ChannelId.APPLE_APP_STORE, "3", "apple-16500", usd("0.99"), f.clock.instant()),
                ReceiptRejectedException.Reason.PRICE_MISMATCH);
    }

    @Test
    void aPriceMismatchCarriesTheCataloguesPrice() {
        assertThatThrownBy(() -> f.recharges.creditReceipt(
                        receipt(ChannelId.APPLE_APP_STORE, "4", "apple-16500", usd("0.99"), f.clock.instant())))
                .isInstanceOfSatisfying(ReceiptRejectedException.class, e -> assertThat(e.expected())
                        .contains(usd("249.99")));
    }

    @Test
    void aReceiptOnAnUndeclaredChannelOrInAnUnsoldCurrencyOrBeforeAnyTableIsRefused() {
        refused(
                receipt(ChannelId.of("sideload"), "5", "apple-65", usd("0.99"), f.clock.instant()),
                ReceiptRejectedException.Reason.UNKNOWN_CHANNEL);
        refused(
                receipt(ChannelId.APPLE_APP_STORE, "6", "apple-65", usd("0.99"), Instant.parse("2020-01-01T00:00:00Z")),
                ReceiptRejectedException.Reason.UNKNOWN_CHANNEL);
        refused(
                new AppStoreReceipt(
                        ana,
                        ChannelId.APPLE_APP_STORE,
                        "7",
                        PackageId.of("apple-65"),
                        Money.of(1, Monetary.getCurrency("CHF")),
                        RechargeFixture.US,
                        f.clock.instant()),
                ReceiptRejectedException.Reason.UNSUPPORTED_CURRENCY);
    }

    @Test
    void thePriceTableInForceAtThePurchaseTimeApplies() {
        Instant june = Instant.parse("2025-06-01T00:00:00Z"); // the first table: web-70 at $0.75, later $0.74
        refused(
                receipt(ChannelId.WEB, "8", "web-70", usd("0.74"), june),
                ReceiptRejectedException.Reason.PRICE_MISMATCH);

        RechargeReceipt r = f.recharges.creditReceipt(receipt(ChannelId.WEB, "8", "web-70", usd("0.75"), june));

        assertThat(r.paidCoins()).isEqualTo(70);
        assertThat(r.amount()).isEqualTo(usd("0.75"));
    }

    @Test
    void aLegacyBalanceIsImportedOnceAsItsOwnLot() {
        RechargeReceipt r = f.recharges.importBalance(new BalanceImport(ana, "legacy-42", 500, 100, usd("0")));

        assertThat(r.purchase()).isEqualTo("import:legacy-42");
        assertThat(f.coins(ana)).isEqualTo(600);
        CoinLot lot = f.recharges.lot(r.purchase()).orElseThrow();
        assertThat(lot.channel()).isEqualTo(Recharges.IMPORT_CHANNEL);
        assertThat(lot.unitCost()).isZero();
        assertThat(lot.unspentPaid()).isEqualTo(500);
        assertThat(lot.unspentBonus()).isEqualTo(100);
        assertThat(f.recharges
                        .importBalance(new BalanceImport(ana, "legacy-42", 500, 100, usd("0")))
                        .replay())
                .isTrue();
        assertThatThrownBy(() -> f.recharges.importBalance(new BalanceImport(ana, "legacy-42", 900, 0, usd("0"))))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(f.coins(ana)).isEqualTo(600);
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void anImportOfBonusCoinsOnlyHasNoCost() {
        assertThatThrownBy(() -> new BalanceImport(ana, "x", 0, 10, usd("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost");
        RechargeReceipt r = f.recharges.importBalance(new BalanceImport(ana, "bonus-only", 0, 10, usd("0")));
        assertThat(f.coins(ana)).isEqualTo(10);
        assertThat(f.recharges.lot(r.purchase()).orElseThrow().unspentBonus()).isEqualTo(10);
        LedgerInvariants.checkLots(f.store);
    }
}
