package dev.coinage.testing;

import dev.coinage.earnings.CashOuts;
import dev.coinage.earnings.PayoutStateException;
import dev.coinage.spi.PayoutGateway;
import dev.coinage.spi.PayoutRequest;
import dev.coinage.spi.PayoutResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payout provider for tests: each submission's outcome comes from a script (pending by default), submissions are
 * deduped on the payout id as real providers do, a transport failure can be switched on before or after the provider
 * records the payout (a lost answer), and the provider's callbacks (paid, failed, returned after payment) are queued
 * until {@link #deliver} hands them over in order, duplicated or shuffled.
 *
 * <p>This class is thread-safe.
 */
public final class FakePayoutGateway implements PayoutGateway {
    private final Deque<PayoutResult.Status> script = new ArrayDeque<>();
    private final Map<String, PayoutResult.Status> payouts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> moneySent = new ConcurrentHashMap<>();
    private final List<Callback> queued = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    private volatile RuntimeException outage;
    private volatile boolean loseAnswers;

    /** Makes a gateway whose submissions stay pending until settled. */
    public FakePayoutGateway() {}

    /** A callback the provider sends. */
    public enum Event {
        /** The payout reached the creator. */
        PAID,
        /** The payout failed. */
        FAILED,
        /** A paid payout came back. */
        RETURNED
    }

    /**
     * One callback from the provider.
     *
     * @param event what happened, not null
     * @param payoutId the payout, not null
     */
    public record Callback(Event event, String payoutId) {}

    /** How callbacks arrive. */
    public enum Delivery {
        /** Once each, in the order they happened. */
        IN_ORDER,
        /** Each twice in a row. */
        DUPLICATED,
        /** Shuffled, each once or twice. */
        SHUFFLED
    }

    /**
     * Scripts the next submissions' immediate outcomes, in order; then they stay pending.
     *
     * @param outcomes the outcomes, not null
     * @return this gateway
     */
    public synchronized FakePayoutGateway then(PayoutResult.Status... outcomes) {
        Collections.addAll(script, outcomes);
        return this;
    }

    /**
     * Makes calls throw this before reaching the provider until {@link #recover()}.
     *
     * @param e the exception, not null
     */
    public void failWith(RuntimeException e) {
        outage = e;
    }

    /**
     * Makes submissions reach the provider (which records and pays them) but throw before answering, until
     * {@link #recover()}: the crash or timeout that leaves an outcome unknown.
     */
    public void loseAnswers() {
        loseAnswers = true;
    }

    /** Ends a transport failure or lost answers. */
    public void recover() {
        outage = null;
        loseAnswers = false;
    }

    @Override
    public PayoutResult submit(PayoutRequest request) {
        calls.incrementAndGet();
        RuntimeException down = outage;
        if (down != null) {
            throw down;
        }
        PayoutResult.Status s = payouts.computeIfAbsent(request.payoutId(), id -> {
            PayoutResult.Status first;
            synchronized (this) {
                first = script.isEmpty() ? PayoutResult.Status.PENDING : script.removeFirst();
            }
            if (first == PayoutResult.Status.PAID || first == PayoutResult.Status.RETURNED) {
                moneySent.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            return first;
        });
        if (loseAnswers) {
            throw new IllegalStateException("connection reset before the provider answered");
        }
        return PayoutResult.of(s);
    }

    @Override
    public PayoutResult status(String payoutId) {
        RuntimeException down = outage;
        if (down != null) {
            throw down;
        }
        PayoutResult.Status s = payouts.get(payoutId);
        return PayoutResult.of(s == null ? PayoutResult.Status.NOT_FOUND : s);
    }

    /**
     * Settles a pending payout as the provider would, queueing its callback.
     *
     * @param payoutId the payout, not null
     * @param paid true to pay it, false to fail it
     */
    public void settle(String payoutId, boolean paid) {
        PayoutResult.Status before = payouts.get(payoutId);
        if (before != PayoutResult.Status.PENDING) {
            return;
        }
        if (paid) {
            moneySent.computeIfAbsent(payoutId, k -> new AtomicInteger()).incrementAndGet();
        }
        payouts.put(payoutId, paid ? PayoutResult.Status.PAID : PayoutResult.Status.FAILED);
        queued.add(new Callback(paid ? Event.PAID : Event.FAILED, payoutId));
    }

    /**
     * Returns a paid payout (PayPal RETURNED or REVERSED, Stripe paid then failed), queueing its callback.
     *
     * @param payoutId the payout, not null
     */
    public void returnPaid(String payoutId) {
        if (payouts.replace(payoutId, PayoutResult.Status.PAID, PayoutResult.Status.RETURNED)) {
            queued.add(new Callback(Event.RETURNED, payoutId));
        }
    }

    /**
     * Returns how many times the provider sent money for a payout: at most 1 if payouts are idempotent.
     *
     * @param payoutId the payout, not null
     * @return the times
     */
    public int timesPaid(String payoutId) {
        AtomicInteger n = moneySent.get(payoutId);
        return n == null ? 0 : n.get();
    }

    /**
     * Returns how many times {@link #submit} was called, deduped or not.
     *
     * @return the calls
     */
    public int calls() {
        return calls.get();
    }

    /**
     * Delivers every queued callback to the cash-outs and empties the queue.
     *
     * @param cashOuts the receiver, not null
     * @param delivery how they arrive, not null
     * @param random the shuffle's randomness, not null
     * @return the callbacks delivered, in delivery order, never null
     */
    public List<Callback> deliver(CashOuts cashOuts, Delivery delivery, Random random) {
        List<Callback> batch;
        synchronized (queued) {
            batch = new ArrayList<>(queued);
            queued.clear();
        }
        List<Callback> order = new ArrayList<>();
        for (Callback c : batch) {
            order.add(c);
            if (delivery == Delivery.DUPLICATED || (delivery == Delivery.SHUFFLED && random.nextBoolean())) {
                order.add(c);
            }
        }
        if (delivery == Delivery.SHUFFLED) {
            Collections.shuffle(order, random);
        }
        for (Callback c : order) {
            try {
                switch (c.event()) {
                    case PAID:
                        cashOuts.paid(c.payoutId());
                        break;
                    case FAILED:
                        cashOuts.failed(c.payoutId(), "provider failure");
                        break;
                    case RETURNED:
                    default:
                        cashOuts.returned(c.payoutId(), "returned by the bank");
                        break;
                }
            } catch (PayoutStateException notYet) {
                queued.add(c); // ahead of its submission: the provider delivers it again later
            }
        }
        return order;
    }
}
