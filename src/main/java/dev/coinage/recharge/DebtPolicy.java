package dev.coinage.recharge;

/**
 * What a refund or chargeback does when the coins it claws back were already spent (the wallet holds fewer coins than
 * the refund takes).
 */
public enum DebtPolicy {
    /** The wallet goes negative by the shortfall (the only path to a negative wallet); later recharges repay it. */
    ALLOW_DEBT,
    /** The wallet is emptied, never negative, and frozen; the shortfall is written off and recorded. */
    FREEZE,
    /** The wallet goes negative by the shortfall and is frozen. */
    BOTH
}
