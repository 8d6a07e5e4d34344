package dev.coinage.gift;

/**
 * Receives gifting events after the ledger has committed them, never for replays. Implement the methods you need.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>Called on the thread that sent the gift, after the commit: keep it short (hand the event
 *       to a queue for slow work).
 *   <li>Implementations are thread-safe: many threads send gifts at once.
 *   <li>A listener that throws does not affect the ledger or the caller's result: Coinage logs the failure and goes
 *       on. Delivery is at most once; a host that needs every event reads the ledger.
 * </ul>
 */
public interface GiftListener {
    /**
     * Called when a gift was sent.
     *
     * @param event the event, not null
     */
    default void onGiftSent(GiftSent event) {}

    /**
     * Called after {@link #onGiftSent} when the gift's earnings were credited to a hold account.
     *
     * @param event the event, not null
     */
    default void onDiamondsHeld(DiamondsHeld event) {}

    /**
     * Called after {@link #onGiftSent} when the gift made the flow between its sender and creator circular, as the
     * economy's {@code AbusePolicy} defines it; once per pair of members.
     *
     * @param event the event, not null
     */
    default void onCircularFlow(CircularFlowFlagged event) {}
}
