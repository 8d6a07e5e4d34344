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

    GiftEvents(GiftListener listener, Duration holdWindow) {
        this.listener = listener;
        this.holdWindow = holdWindow;
    }

    void publish(GiftSent event) {
        Listeners.call(listener, event, GiftListener::onGiftSent, event);
        GiftReceipt r = event.receipt();
        if (r.partsCredited() > 0) {
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
