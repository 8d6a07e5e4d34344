package dev.coinage.recharge;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.pricing.ExchangeRateUnavailableException;
import dev.coinage.pricing.NoPriceTableException;
import dev.coinage.pricing.PackagePrice;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.pricing.UnknownChannelException;
import dev.coinage.pricing.UnknownPackageException;
import dev.coinage.pricing.UnsupportedCurrencyException;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.spi.PaymentRequest;
import dev.coinage.spi.PaymentResult;
import java.time.Clock;
import java.util.Objects;

/** Where purchases come from: a quote charged through the gateway, or a validated app-store receipt. Thread-safe. */
final class Purchases {
    private final RechargeQuoter quoter;
    private final PaymentGateway gateway;
    private final Crediting crediting;
    private final PendingPayments pending;

    private final Clock clock;

    Purchases(
            RechargeQuoter quoter, PaymentGateway gateway, Crediting crediting, PendingPayments pending, Clock clock) {
        this.clock = clock;
        this.quoter = quoter;
        this.gateway = gateway;
        this.crediting = crediting;
        this.pending = pending;
    }

    RechargeReceipt charge(RechargeQuote quote, IdempotencyKey key) {
        quoter.verify(quote);
        PaymentResult result = Objects.requireNonNull(
                gateway.charge(new PaymentRequest(key, quote.id(), quote.user(), quote.channel(), quote.gross())),
                "the gateway returned null");
        String ref = References.check(result.providerTransactionId());
        PurchaseRecord p = PurchaseRecord.of(
                ref,
                quote.user(),
                quote.channel(),
                quote.paidCoins(),
                quote.bonusCoins(),
                quote.gross(),
                quote.tax(),
                quote.storeFee(),
                PurchaseRecord.unitCost(
                        quote.rate().isPresent()
                                ? java.util.Optional.of(quote.gross()
                                        .getNumber()
                                        .numberValue(java.math.BigDecimal.class)
                                        .divide(quote.rate().get().factor(), java.math.MathContext.DECIMAL64))
                                : quoter.toBase(quote.gross(), quote.quotedAt()),
                        quote.paidCoins()));
        switch (result.status()) {
            case FAILED:
                throw new PaymentFailedException(ref, result.reason());
            case PENDING:
                return pending.record(p);
            case SUCCEEDED:
            default:
                return crediting.credit(p);
        }
    }

    RechargeReceipt creditReceipt(AppStoreReceipt receipt) {
        String ref = References.check(Recharges.receiptPurchase(receipt.channel(), receipt.originalTransactionId()));
        PackagePrice sold = catalogued(receipt);
        return crediting.credit(PurchaseRecord.of(
                ref,
                receipt.user(),
                receipt.channel(),
                sold.paidCoins(),
                sold.bonusCoins(),
                sold.gross(),
                sold.tax(),
                sold.storeFee(),
                PurchaseRecord.unitCost(quoter.toBase(sold.gross(), receipt.purchasedAt()), sold.paidCoins())));
    }

    RechargeReceipt importBalance(BalanceImport legacy) {
        String ref = References.check(Recharges.importPurchase(legacy.importId()));
        return crediting.credit(PurchaseRecord.of(
                ref, legacy.user(), Recharges.IMPORT_CHANNEL, legacy.paidCoins(), legacy.bonusCoins(), legacy.cost()));
    }

    /** The receipt's package as its channel sold it at the purchase time; its price must be the receipt's. */
    private PackagePrice catalogued(AppStoreReceipt receipt) {
        if (!quoter.definition().channels().containsKey(receipt.channel())) {
            throw ReceiptRejectedException.unknownChannel(receipt, "the channel is not declared by the economy");
        }
        PackagePrice sold;
        try {
            sold = quoter.packagePrice(
                    receipt.channel(),
                    receipt.product(),
                    receipt.price().getCurrency(),
                    receipt.region(),
                    receipt.purchasedAt());
        } catch (NoPriceTableException | UnknownChannelException e) {
            throw ReceiptRejectedException.unknownChannel(receipt, e.getMessage());
        } catch (UnknownPackageException e) {
            throw ReceiptRejectedException.unknownProduct(receipt, e.getMessage());
        } catch (UnsupportedCurrencyException | ExchangeRateUnavailableException e) {
            throw ReceiptRejectedException.unsupportedCurrency(receipt, e.getMessage());
        }
        if (!sold.price().getCurrency().equals(receipt.price().getCurrency())
                || !sold.price().isEqualTo(receipt.price())) {
            throw ReceiptRejectedException.priceMismatch(receipt, sold.price());
        }
        return sold;
    }
}
