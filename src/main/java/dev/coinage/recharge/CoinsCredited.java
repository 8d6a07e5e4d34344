package dev.coinage.recharge;

import java.util.Objects;

/**
 * Coins of a purchase were credited to a wallet (published once per purchase, never for a replay).
 *
 * @param receipt the recharge's receipt, not null
 */
public record CoinsCredited(RechargeReceipt receipt) {
    /**
     * Checks the event.
     *
     * @param receipt the receipt, not null
     * @throws NullPointerException if the receipt is null
     */
    public CoinsCredited {
        Objects.requireNonNull(receipt, "receipt");
    }
}
