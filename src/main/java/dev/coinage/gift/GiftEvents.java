package dev.coinage.gift;

import dev.coinage.engine.HoldPeriods;
import dev.coinage.engine.Listeners;
import java.time.Duration;

/**
 * Tells the host's {@link GiftListener} what a committed gift did: the gift sent, then the diamonds it put on hold (if
 * any). A listener's failure is logged and affects neither the ledger nor the caller.
 *
 * <p>This class is thread-safe.
 */
final class GiftEvents {
    private final GiftListener listener;
    private final Duration holdWindow;

    // Whether the listener overrides each method: events nobody hears are not built.
    private final boolean hearsSent;
    private final boolean hearsHeld;

    GiftEvents(GiftListener listener, Duration holdWindow) {
        this.listener = listener;
        this.holdWindow = holdWindow;
        this.hearsSent = overrides(listener, "onGiftSent", GiftSent.class);
        this.hearsHeld = overrides(listener, "onDiamondsHeld", DiamondsHeld.class);
    }

    /** Whether anything listens at all: else a gift builds no event. */
    boolean heard() {
        return hearsSent || hearsHeld;
    }

    private static boolean overrides(GiftListener listener, String method, Class<?> event) {
        try {
            return listener.getClass().getMethod(method, event).getDeclaringClass() != GiftListener.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("GiftListener declares " + method, e);
        }
    }

    void publish(GiftSent event) {
        if (hearsSent) {
            Listeners.call(listener, event, GiftListener::onGiftSent, event);
        }
        GiftReceipt r = event.receipt();
        if (hearsHeld && r.partsCredited() > 0) {
            DiamondsHeld held = new DiamondsHeld(
                    r.creator(),
                    r.holdPeriod(),
                    r.partsCredited(),
                    r.partsPerDiamond(),
                    HoldPeriods.releasableAt(r.holdPeriod(), holdWindow));
            Listeners.call(listener, held, GiftListener::onDiamondsHeld, held);
        }
    }
}
