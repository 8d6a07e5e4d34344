package dev.coinage.event;

import dev.coinage.earnings.EarningsListener;
import dev.coinage.gift.GiftListener;
import dev.coinage.recharge.RechargeListener;

/**
 * Hears everything one economy commits: recharges, refunds and freezes, gifts, and earnings. Pass one to
 * {@code Coinage.builder().listener(...)}; implement only the methods you need.
 *
 * <p>Every call comes after the ledger committed, never for a replay, on the thread that made the change. A listener
 * that throws is logged and ignored: it never affects the ledger or the caller's result.
 */
public interface CoinageListener extends RechargeListener, GiftListener, EarningsListener {}
