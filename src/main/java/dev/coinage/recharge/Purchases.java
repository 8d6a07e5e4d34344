package dev.coinage.recharge;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.spi.PaymentRequest;
import dev.coinage.spi.PaymentResult;
import java.util.Objects;

/** Where purchases come from: a quote charged through the gateway, or a validated app-store receipt. Thread-safe. */
final class Purchases {
    private final RechargeQuoter quoter;
    private final PaymentGateway gateway;
    private final Crediting crediting;
    private final PendingPayments pending;

    Purchases(RechargeQuoter quoter, PaymentGateway gateway, Crediting crediting, PendingPayments pending) {
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
                ref, quote.user(), quote.channel(), quote.paidCoins(), quote.bonusCoins(), quote.gross());
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
        return crediting.credit(PurchaseRecord.of(
                ref, receipt.user(), receipt.channel(), receipt.paidCoins(), receipt.bonusCoins(), receipt.amount()));
    }
}
