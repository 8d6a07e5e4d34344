package dev.coinage.event;

import dev.coinage.earnings.CashOutEvent;
import dev.coinage.earnings.HoldReleased;
import dev.coinage.gift.DiamondsHeld;
import dev.coinage.gift.GiftSent;
import dev.coinage.recharge.CoinsCredited;
import dev.coinage.recharge.RefundApplied;
import dev.coinage.recharge.WalletFrozen;
import dev.coinage.spi.LedgerStore;
import java.util.Objects;

/**
 * Where an economy's metrics go: what it commits, heard as a {@link CoinageListener}, and how long its ledger store
 * takes, by {@linkplain #instrument instrumenting} the store. Pass one to {@code Coinage.builder().metrics(...)}; by
 * default an economy records none. {@code dev.coinage.metrics.micrometer.MicrometerMetrics} records them in a
 * Micrometer registry; a host with another metrics library implements this interface.
 *
 * <p>Implementation specification: calls come as for any {@link CoinageListener} — after the ledger committed, never
 * for a replay, on the caller's thread — so implementations are thread-safe and quick. A failure is logged and ignored.
 */
public interface CoinageMetrics extends CoinageListener {
    /**
     * Returns metrics that record nothing.
     *
     * @return the no-op metrics, never null
     */
    static CoinageMetrics none() {
        return new CoinageMetrics() {};
    }

    /**
     * Returns the store the economy uses: this one, or one that measures its calls and delegates to it. Called once
     * per economy built.
     *
     * @param store the economy's store, not null
     * @return the store to use, never null; by default {@code store} itself
     */
    default LedgerStore instrument(LedgerStore store) {
        return store;
    }

    /**
     * Combines the host's listener with metrics: each event goes to both, the listener first; a failure of one does
     * not keep the other from hearing it.
     *
     * @param listener the host's listener, not null
     * @param metrics the metrics, not null
     * @return a listener that tells both, never null
     */
    static CoinageListener alongside(CoinageListener listener, CoinageMetrics metrics) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(metrics, "metrics");
        return new CoinageListener() {
            private void both(Runnable first, Runnable second) {
                try {
                    first.run();
                } finally {
                    second.run();
                }
            }

            @Override
            public void onCoinsCredited(CoinsCredited event) {
                both(() -> listener.onCoinsCredited(event), () -> metrics.onCoinsCredited(event));
            }

            @Override
            public void onRefundApplied(RefundApplied event) {
                both(() -> listener.onRefundApplied(event), () -> metrics.onRefundApplied(event));
            }

            @Override
            public void onWalletFrozen(WalletFrozen event) {
                both(() -> listener.onWalletFrozen(event), () -> metrics.onWalletFrozen(event));
            }

            @Override
            public void onGiftSent(GiftSent event) {
                both(() -> listener.onGiftSent(event), () -> metrics.onGiftSent(event));
            }

            @Override
            public void onDiamondsHeld(DiamondsHeld event) {
                both(() -> listener.onDiamondsHeld(event), () -> metrics.onDiamondsHeld(event));
            }

            @Override
            public void onHoldReleased(HoldReleased event) {
                both(() -> listener.onHoldReleased(event), () -> metrics.onHoldReleased(event));
            }

            @Override
            public void onCashOutRequested(CashOutEvent event) {
                both(() -> listener.onCashOutRequested(event), () -> metrics.onCashOutRequested(event));
            }

            @Override
            public void onCashOutApproved(CashOutEvent event) {
                both(() -> listener.onCashOutApproved(event), () -> metrics.onCashOutApproved(event));
            }

            @Override
            public void onCashOutRejected(CashOutEvent event) {
                both(() -> listener.onCashOutRejected(event), () -> metrics.onCashOutRejected(event));
            }

            @Override
            public void onCashOutPaid(CashOutEvent event) {
                both(() -> listener.onCashOutPaid(event), () -> metrics.onCashOutPaid(event));
            }

            @Override
            public void onCashOutFailed(CashOutEvent event) {
                both(() -> listener.onCashOutFailed(event), () -> metrics.onCashOutFailed(event));
            }

            @Override
            public void onCashOutReturned(CashOutEvent event) {
                both(() -> listener.onCashOutReturned(event), () -> metrics.onCashOutReturned(event));
            }
        };
    }
}
