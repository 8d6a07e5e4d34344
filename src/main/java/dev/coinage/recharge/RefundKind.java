package dev.coinage.recharge;

/** Why a purchase's money went back to the buyer. */
public enum RefundKind {
    /** The platform or the store granted a refund. */
    REFUND,
    /** The buyer's bank reversed the payment. */
    CHARGEBACK
}
