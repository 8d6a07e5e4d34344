package dev.coinage.earnings;

/**
 * Receives earnings events after the ledger has committed them, never for replays. Implement the methods you need.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>Called on the thread that ran the release or cash-out step, after the commit: keep it short.
 *   <li>Implementations are thread-safe.
 *   <li>A listener that throws does not affect the ledger or the caller's result: Coinage logs the failure and goes
 *       on. Delivery is at most once; a host that needs every event reads the ledger or the store's outbox.
 * </ul>
 */
public interface EarningsListener {
    /**
     * Called when a creator's due holds were released.
     *
     * @param event the event, not null
     */
    default void onHoldReleased(HoldReleased event) {}

    /**
     * Called when a cash-out was requested and its diamonds reserved.
     *
     * @param event the event, not null
     */
    default void onCashOutRequested(CashOutEvent event) {}

    /**
     * Called when a cash-out in review was approved.
     *
     * @param event the event, not null
     */
    default void onCashOutApproved(CashOutEvent event) {}

    /**
     * Called when a cash-out in review was rejected and its diamonds returned.
     *
     * @param event the event, not null
     */
    default void onCashOutRejected(CashOutEvent event) {}

    /**
     * Called when a cash-out was paid and its diamonds burned.
     *
     * @param event the event, not null
     */
    default void onCashOutPaid(CashOutEvent event) {}

    /**
     * Called when a cash-out failed at the provider and its diamonds were returned.
     *
     * @param event the event, not null
     */
    default void onCashOutFailed(CashOutEvent event) {}

    /**
     * Called when a paid cash-out came back from the provider and its diamonds were returned.
     *
     * @param event the event, not null
     */
    default void onCashOutReturned(CashOutEvent event) {}
}
