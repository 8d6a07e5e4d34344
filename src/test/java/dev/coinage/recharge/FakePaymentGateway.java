package dev.coinage.recharge;

import dev.coinage.IdempotencyKey;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.spi.PaymentRequest;
import dev.coinage.spi.PaymentResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.MonetaryAmount;

/**
 * A payment provider for tests and the demo: each charge's outcome comes from a script (succeed by default), charges
 * are deduped on the caller's key as real providers do, and the captured amount of every payment is kept so a test
 * can deliver its webhook — once, twice, late or before the charge returns.
 */
final class FakePaymentGateway implements PaymentGateway {
    private final Deque<PaymentResult.Status> script = new ArrayDeque<>();
    private final Map<IdempotencyKey, PaymentResult> byKey = new ConcurrentHashMap<>();
    private final Map<String, MonetaryAmount> amounts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile RuntimeException outage;

    /** The next charges will have these outcomes, in order; then they succeed. */
    synchronized FakePaymentGateway then(PaymentResult.Status... outcomes) {
        for (PaymentResult.Status s : outcomes) {
            script.addLast(s);
        }
        return this;
    }

    /** Charges throw this until {@link #recover()} (a transport failure). */
    void failWith(RuntimeException e) {
        outage = e;
    }

    void recover() {
        outage = null;
    }

    @Override
    public PaymentResult charge(PaymentRequest request) {
        calls.incrementAndGet();
        RuntimeException down = outage;
        if (down != null) {
            throw down;
        }
        return byKey.computeIfAbsent(request.key(), k -> {
            String id = "pay_" + ids.incrementAndGet();
            amounts.put(id, request.amount());
            PaymentResult.Status s;
            synchronized (this) {
                s = script.isEmpty() ? PaymentResult.Status.SUCCEEDED : script.removeFirst();
            }
            switch (s) {
                case FAILED:
                    return PaymentResult.failed(id, "card declined");
                case PENDING:
                    return PaymentResult.pending(id);
                default:
                    return PaymentResult.succeeded(id);
            }
        });
    }

    /** The amount the provider captured for a payment, as its webhook reports it. */
    MonetaryAmount amountOf(String providerTransactionId) {
        return amounts.get(providerTransactionId);
    }

    /** How many times the gateway was called, deduped or not. */
    int calls() {
        return calls.get();
    }

    /** How many distinct payments the provider made. */
    int payments() {
        return byKey.size();
    }
}
