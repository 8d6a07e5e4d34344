package dev.coinage.testing;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.recharge.UnknownPurchaseException;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.spi.PaymentRequest;
import dev.coinage.spi.PaymentResult;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.MonetaryAmount;

/**
 * A payment provider for tests and the demo: each charge's outcome comes from a script (succeed by default), charges
 * are deduped on the caller's key as real providers do, and the captured amount of every payment is kept so a test
 * can deliver its webhook — once, twice, late or before the charge returns.
 *
 * <p>It also keeps the provider's side of the story as webhooks not yet delivered: a pending payment settling
 * ({@link #settle}), a refund or chargeback the provider initiates ({@link #refund}). {@link #deliver} hands them to
 * {@link Recharges} the way providers do — in order, each twice, or shuffled with duplicates — and, like a provider,
 * delivers again later a webhook the receiver refused because it arrived ahead of what it refers to.
 */
public final class FakePaymentGateway implements PaymentGateway {
    private final Deque<PaymentResult.Status> script = new ArrayDeque<>();
    private final Map<IdempotencyKey, PaymentResult> byKey = new ConcurrentHashMap<>();
    private final Map<String, MonetaryAmount> amounts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile RuntimeException outage;

    /** Makes a gateway whose charges succeed until scripted otherwise. */
    public FakePaymentGateway() {}

    /**
     * Scripts the next charges: they will have these outcomes, in order; then they succeed.
     *
     * @param outcomes the outcomes, not null
     * @return this gateway
     */
    public synchronized FakePaymentGateway then(PaymentResult.Status... outcomes) {
        for (PaymentResult.Status s : outcomes) {
            script.addLast(s);
        }
        return this;
    }

    /**
     * Makes charges throw this until {@link #recover()} (a transport failure).
     *
     * @param e the exception thrown, not null
     */
    public void failWith(RuntimeException e) {
        outage = e;
    }

    /** Ends a transport failure. */
    public void recover() {
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

    /**
     * Returns the amount the provider captured for a payment, as its webhook reports it.
     *
     * @param providerTransactionId the provider's id of the payment, not null
     * @return the amount, or null if no such payment
     */
    public MonetaryAmount amountOf(String providerTransactionId) {
        return amounts.get(providerTransactionId);
    }

    /**
     * Returns how many times the gateway was called, deduped or not.
     *
     * @return the calls
     */
    public int calls() {
        return calls.get();
    }

    /**
     * Returns how many distinct payments the provider made.
     *
     * @return the payments
     */
    public int payments() {
        return byKey.size();
    }

    /** What a webhook reports. */
    public enum Event {
        /** A pending payment was captured. */
        SUCCEEDED,
        /** A pending payment failed. */
        FAILED,
        /** The provider refunded (part of) a payment. */
        REFUNDED,
        /** The buyer's bank charged (part of) a payment back. */
        CHARGED_BACK
    }

    /**
     * One notification from the provider.
     *
     * @param event what happened
     * @param payment the provider's transaction id
     * @param amount the captured amount, for {@link Event#SUCCEEDED}
     * @param refundId the provider's refund id, for refunds and chargebacks
     * @param coins the coins refunded, or null for all that is left
     */
    public record Webhook(Event event, String payment, MonetaryAmount amount, String refundId, Long coins) {}

    /** How webhooks arrive. */
    public enum Delivery {
        /** Each once, in the order they happened. */
        IN_ORDER,
        /** Each twice in a row (a provider retrying after a lost acknowledgement). */
        TWICE,
        /** In random order, a third of them twice. */
        SHUFFLED
    }

    private final List<Webhook> outbox = new ArrayList<>();

    /**
     * A pending payment settles at the provider: its webhook is queued.
     *
     * @param payment the provider's id of a payment this gateway made
     * @param captured true if the money was captured, false if the payment failed
     */
    public synchronized void settle(String payment, boolean captured) {
        outbox.add(new Webhook(
                captured ? Event.SUCCEEDED : Event.FAILED,
                payment,
                captured ? amounts.get(payment) : null,
                null,
                null));
    }

    /**
     * The provider refunds a payment, or the buyer's bank charges it back: its webhook is queued.
     *
     * @param payment the provider's id of the payment
     * @param refundId the provider's id of the refund
     * @param coins the coins to refund, or null for all that is left
     * @param chargeback true for a chargeback
     */
    public synchronized void refund(String payment, String refundId, Long coins, boolean chargeback) {
        outbox.add(new Webhook(chargeback ? Event.CHARGED_BACK : Event.REFUNDED, payment, null, refundId, coins));
    }

    /**
     * The webhooks queued and not delivered yet.
     *
     * @return a copy, in the order they happened
     */
    public synchronized List<Webhook> undelivered() {
        return List.copyOf(outbox);
    }

    /**
     * Delivers every queued webhook to {@code recharges}. A webhook refused with {@link UnknownPurchaseException} (it
     * arrived ahead of the payment it refers to) is delivered again after the others, as providers redeliver, up to
     * ten rounds.
     *
     * @param recharges the receiver
     * @param delivery how they arrive
     * @param random the order of {@link Delivery#SHUFFLED}
     * @return every delivery made, in order, with what the receiver returned or threw
     */
    public List<Map.Entry<Webhook, Object>> deliver(Recharges recharges, Delivery delivery, Random random) {
        List<Webhook> queue;
        synchronized (this) {
            queue = new ArrayList<>(outbox);
            outbox.clear();
        }
        List<Map.Entry<Webhook, Object>> log = new ArrayList<>();
        for (int round = 0; round < 10 && !queue.isEmpty(); round++) {
            List<Webhook> sends = new ArrayList<>();
            for (Webhook w : queue) {
                sends.add(w);
                if (delivery == Delivery.TWICE || (delivery == Delivery.SHUFFLED && random.nextInt(3) == 0)) {
                    sends.add(w);
                }
            }
            if (delivery == Delivery.SHUFFLED) {
                Collections.shuffle(sends, random);
            }
            Set<Webhook> refused = new LinkedHashSet<>();
            Set<Webhook> accepted = new HashSet<>();
            for (Webhook w : sends) {
                Object outcome;
                try {
                    outcome = send(recharges, w);
                    accepted.add(w);
                } catch (UnknownPurchaseException e) {
                    outcome = e;
                    refused.add(w);
                } catch (RuntimeException e) {
                    outcome = e;
                    accepted.add(w); // a definite answer: the provider stops retrying
                }
                log.add(new AbstractMap.SimpleImmutableEntry<>(w, outcome));
            }
            refused.removeAll(accepted);
            queue = new ArrayList<>(refused);
        }
        if (!queue.isEmpty()) {
            throw new IllegalStateException("webhooks still refused after ten rounds: " + queue);
        }
        return log;
    }

    private static Object send(Recharges recharges, Webhook w) {
        switch (w.event()) {
            case SUCCEEDED:
                return recharges.confirm(w.payment(), w.amount());
            case FAILED:
                return recharges.decline(w.payment());
            default:
                RefundKind kind = w.event() == Event.CHARGED_BACK ? RefundKind.CHARGEBACK : RefundKind.REFUND;
                return recharges.refund(
                        w.coins() == null
                                ? RefundRequest.full(w.refundId(), w.payment(), kind)
                                : RefundRequest.partial(w.refundId(), w.payment(), w.coins(), kind));
        }
    }
}
