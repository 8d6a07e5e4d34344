package dev.coinage.metrics.micrometer;

import dev.coinage.earnings.CashOutEvent;
import dev.coinage.earnings.HoldReleased;
import dev.coinage.event.CoinageMetrics;
import dev.coinage.gift.GiftSent;
import dev.coinage.recharge.CoinsCredited;
import dev.coinage.recharge.RefundApplied;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.WalletFrozen;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Records an economy's metrics in a Micrometer {@link MeterRegistry}, for a platform team's dashboard and alerts:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what it counts</th></tr>
 *   <tr><td>{@code coinage.gifts}</td><td>counter</td><td></td><td>gifts sent (a gift of count 5 counts 5)</td></tr>
 *   <tr><td>{@code coinage.gifts.coins}</td><td>counter</td><td></td><td>coins spent on gifts</td></tr>
 *   <tr><td>{@code coinage.recharges}</td><td>counter</td><td></td><td>purchases credited</td></tr>
 *   <tr><td>{@code coinage.recharges.coins}</td><td>counter</td><td></td><td>coins credited, paid and bonus</td></tr>
 *   <tr><td>{@code coinage.refunds}</td><td>counter</td><td>{@code kind}: refund, chargeback</td><td>refunds
 *       applied</td></tr>
 *   <tr><td>{@code coinage.refunds.debt}</td><td>counter</td><td></td><td>spent coins refunds left owed</td></tr>
 *   <tr><td>{@code coinage.wallets.frozen}</td><td>counter</td><td></td><td>wallets frozen by a refund</td></tr>
 *   <tr><td>{@code coinage.holds.released.diamonds}</td><td>counter</td><td></td><td>diamonds released from
 *       holds</td></tr>
 *   <tr><td>{@code coinage.cashouts}</td><td>counter</td><td>{@code outcome}: requested, approved, rejected, paid,
 *       failed, returned</td><td>cash-outs reaching each step</td></tr>
 *   <tr><td>{@code coinage.store}</td><td>timer</td><td>{@code operation}, {@code outcome}: success, failure</td>
 *       <td>calls to the ledger store and their latency</td></tr>
 *   <tr><td>{@code coinage.outbox.lag}</td><td>gauge, seconds</td><td></td><td>age of the oldest message not
 *       acknowledged yet, 0 when the outbox is empty (after {@link #bindOutbox})</td></tr>
 * </table>
 *
 * <pre>{@code
 * MicrometerMetrics metrics = MicrometerMetrics.of(registry).bindOutbox(store, Clock.systemUTC());
 * Coinage coinage = Coinage.builder()...metrics(metrics).build();
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class MicrometerMetrics implements CoinageMetrics {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter gifts;
    private final Counter giftCoins;
    private final Counter recharges;
    private final Counter rechargeCoins;
    private final Counter debt;
    private final Counter frozen;
    private final Counter released;

    private MicrometerMetrics(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        this.gifts = counter("coinage.gifts", "gifts sent", Tags.empty());
        this.giftCoins = counter("coinage.gifts.coins", "coins spent on gifts", Tags.empty());
        this.recharges = counter("coinage.recharges", "purchases credited", Tags.empty());
        this.rechargeCoins = counter("coinage.recharges.coins", "coins credited", Tags.empty());
        this.debt = counter("coinage.refunds.debt", "spent coins refunds left owed", Tags.empty());
        this.frozen = counter("coinage.wallets.frozen", "wallets frozen by a refund", Tags.empty());
        this.released = counter("coinage.holds.released.diamonds", "diamonds released from holds", Tags.empty());
    }

    /**
     * Records into a registry.
     *
     * @param registry the registry, not null
     * @return the metrics, never null
     */
    public static MicrometerMetrics of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /**
     * Records into a registry with tags on every meter, such as the economy's name when a JVM runs several.
     *
     * @param registry the registry, not null
     * @param tags the common tags, not null
     * @return the metrics, never null
     */
    public static MicrometerMetrics of(MeterRegistry registry, Iterable<Tag> tags) {
        return new MicrometerMetrics(
                Objects.requireNonNull(registry, "registry"), Tags.of(Objects.requireNonNull(tags, "tags")));
    }

    private Counter counter(String name, String description, Tags more) {
        return Counter.builder(name)
                .description(description)
                .tags(tags.and(more))
                .register(registry);
    }

    /**
     * Adds the outbox lag gauge: the age, by {@code clock}, of the oldest message not acknowledged yet. A growing lag
     * means the relay is down or slower than the economy.
     *
     * @param outbox the store's outbox, not null
     * @param clock the clock the lag is measured by, not null
     * @return this
     */
    public MicrometerMetrics bindOutbox(TransactionOutbox outbox, Clock clock) {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(clock, "clock");
        Gauge.builder("coinage.outbox.lag", outbox, o -> lagSeconds(o, clock))
                .description("age of the oldest outbox message not acknowledged yet")
                .baseUnit("seconds")
                .tags(tags)
                .register(registry);
        return this;
    }

    private static double lagSeconds(TransactionOutbox outbox, Clock clock) {
        List<OutboxMessage> oldest = outbox.poll(1);
        if (oldest.isEmpty()) {
            return 0;
        }
        Duration lag = Duration.between(oldest.get(0).committedAt(), clock.instant());
        return lag.isNegative() ? 0 : lag.toNanos() / 1e9;
    }

    @Override
    public LedgerStore instrument(LedgerStore store) {
        Objects.requireNonNull(store, "store");
        return store instanceof TransactionOutbox
                ? new TimedStore.WithOutbox(store, (TransactionOutbox) store, registry, tags)
                : new TimedStore(store, registry, tags);
    }

    @Override
    public void onGiftSent(GiftSent event) {
        gifts.increment(event.receipt().count());
        giftCoins.increment(event.receipt().coinsSpent());
    }

    @Override
    public void onCoinsCredited(CoinsCredited event) {
        recharges.increment();
        rechargeCoins.increment(event.receipt().paidCoins() + event.receipt().bonusCoins());
    }

    @Override
    public void onRefundApplied(RefundApplied event) {
        RefundKind kind = event.result().kind();
        counter(
                        "coinage.refunds",
                        "refunds applied",
                        Tags.of("kind", kind.name().toLowerCase(Locale.ROOT)))
                .increment();
        debt.increment(event.result().debt());
    }

    @Override
    public void onWalletFrozen(WalletFrozen event) {
        frozen.increment();
    }

    @Override
    public void onHoldReleased(HoldReleased event) {
        released.increment(event.diamondsMinted());
    }

    private void cashOut(String outcome) {
        counter("coinage.cashouts", "cash-outs reaching each step", Tags.of("outcome", outcome))
                .increment();
    }

    @Override
    public void onCashOutRequested(CashOutEvent event) {
        cashOut("requested");
    }

    @Override
    public void onCashOutApproved(CashOutEvent event) {
        cashOut("approved");
    }

    @Override
    public void onCashOutRejected(CashOutEvent event) {
        cashOut("rejected");
    }

    @Override
    public void onCashOutPaid(CashOutEvent event) {
        cashOut("paid");
    }

    @Override
    public void onCashOutFailed(CashOutEvent event) {
        cashOut("failed");
    }

    @Override
    public void onCashOutReturned(CashOutEvent event) {
        cashOut("returned");
    }

    @Override
    public String toString() {
        return "MicrometerMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
