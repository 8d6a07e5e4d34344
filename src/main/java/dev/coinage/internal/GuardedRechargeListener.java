package dev.coinage.internal;

import dev.coinage.event.CoinsCredited;
import dev.coinage.event.RechargeListener;
import dev.coinage.event.RefundApplied;
import dev.coinage.event.WalletFrozen;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the host's recharge listener so that its failures cannot reach the ledger or the caller: anything it throws
 * (short of the JVM's own fatal errors) is logged and dropped. Not part of the API.
 */
public final class GuardedRechargeListener implements RechargeListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedRechargeListener.class);

    private final RechargeListener delegate;

    private GuardedRechargeListener(RechargeListener delegate) {
        this.delegate = delegate;
    }

    /**
     * Wraps a listener.
     *
     * @param delegate the host's listener, not null
     * @return the guarded listener, never null
     */
    public static RechargeListener of(RechargeListener delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return delegate instanceof GuardedRechargeListener ? delegate : new GuardedRechargeListener(delegate);
    }

    @Override
    public void onCoinsCredited(CoinsCredited event) {
        try {
            delegate.onCoinsCredited(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn(
                    "recharge listener failed on {}; the credit stands",
                    event.receipt().purchase(),
                    e);
        }
    }

    @Override
    public void onRefundApplied(RefundApplied event) {
        try {
            delegate.onRefundApplied(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn(
                    "recharge listener failed on refund {}; the refund stands",
                    event.result().refundId(),
                    e);
        }
    }

    @Override
    public void onWalletFrozen(WalletFrozen event) {
        try {
            delegate.onWalletFrozen(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn("recharge listener failed on the freeze of {}; the freeze stands", event.user(), e);
        }
    }
}
