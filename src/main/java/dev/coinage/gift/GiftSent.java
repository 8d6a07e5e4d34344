package dev.coinage.gift;

import dev.coinage.catalog.GiftContext;
import java.time.Instant;
import java.util.Objects;

/**
 * A gift was sent and committed: show its animation, update leaderboards. Its earnings are now held in the creator's
 * hold account of {@link GiftReceipt#holdPeriod()} (the "diamonds held" event). Never published for a replayed send.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param receipt the gift's receipt, not null
 * @param context where it was sent, not null
 * @param contextId the LIVE or video id, not null
 * @param at when it was sent, by the economy's clock, not null
 */
public record GiftSent(GiftReceipt receipt, GiftContext context, String contextId, Instant at) {
    /**
     * Validates the event.
     *
     * @param receipt the receipt, not null
     * @param context where, not null
     * @param contextId the LIVE or video id, not null
     * @param at when, not null
     * @throws NullPointerException if a field is null
     */
    public GiftSent {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(contextId, "contextId");
        Objects.requireNonNull(at, "at");
    }
}
