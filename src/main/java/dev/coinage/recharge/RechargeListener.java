package dev.coinage.recharge;

/**
 * Receives recharge events after the ledger transaction that caused them is applied. Calls are guarded: whatever a
 * listener throws is logged and dropped, and the recharge or refund stands. Every method does nothing by default.
 */
public interface RechargeListener {
    /**
     * Called when a purchase's coins were credited.
     *
     * @param event the event, not null
     */
    default void onCoinsCredited(CoinsCredited event) {}

    /**
     * Called when a refund or chargeback was applied.
     *
     * @param event the event, not null
     */
    default void onRefundApplied(RefundApplied event) {}

    /**
     * Called when a wallet was frozen.
     *
     * @param event the event, not null
     */
    default void onWalletFrozen(WalletFrozen event) {}
}
