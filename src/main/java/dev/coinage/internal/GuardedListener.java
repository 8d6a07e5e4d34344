package dev.coinage.internal;

import dev.coinage.event.DiamondsHeld;
import dev.coinage.event.GiftListener;
import dev.coinage.event.GiftSent;
import dev.coinage.event.HoldReleased;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the host's listener so that its failures cannot reach the ledger or the caller: anything it throws (short of
 * the JVM's own fatal errors) is logged and dropped. Not part of the API.
 */
public final class GuardedListener implements GiftListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final GiftListener delegate;

    private GuardedListener(GiftListener delegate) {
        this.delegate = delegate;
    }

    /**
     * Wraps a listener.
     *
     * @param delegate the host's listener, not null
     * @return the guarded listener, never null
     */
    public static GiftListener of(GiftListener delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return delegate instanceof GuardedListener ? delegate : new GuardedListener(delegate);
    }

    @Override
    public void onGiftSent(GiftSent event) {
        try {
            delegate.onGiftSent(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn(
                    "gift listener failed on {}; the gift stands",
                    event.receipt().key(),
                    e);
        }
    }

    @Override
    public void onDiamondsHeld(DiamondsHeld event) {
        try {
            delegate.onDiamondsHeld(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn("gift listener failed on diamonds held for {}; the gift stands", event.creator(), e);
        }
    }

    @Override
    public void onHoldReleased(HoldReleased event) {
        try {
            delegate.onHoldReleased(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn("gift listener failed on the release for {}; the release stands", event.creator(), e);
        }
    }
}
