package dev.coinage.recharge;

/**
 * Who covers a refunded purchase's coins that were already spent on gifts. Each such coin is recovered once: from the
 * member's other unspent coins or from the diamond parts it earned a creator that are still on hold, never both; what
 * neither covers is handled by the {@link DebtPolicy}. The purchase's own unspent coins are always taken back first.
 */
public enum RefundOrder {
    /**
     * The member's other unspent coins first (first in first out, bonus last), then the creators' parts still on hold
     * (newest hold period first). Creators keep earnings that other coins of the member can pay for. The default.
     */
    VIEWER_FIRST,
    /**
     * The creators' parts still on hold first (newest hold period first), then the member's other unspent coins. The
     * member keeps coins bought with other purchases; creators lose the earnings of gifts that were not paid for.
     */
    CREATORS_FIRST
}
