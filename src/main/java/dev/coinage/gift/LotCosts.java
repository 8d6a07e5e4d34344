package dev.coinage.gift;

import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.spi.LedgerStore;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the coins a gift takes cost, in millionths of the base currency: each paid lot's coins at its purchase's unit
 * cost (recorded once when it was credited), bonus coins at nothing. Unit costs never change, so they are cached.
 *
 * <p>This class is thread-safe.
 */
final class LotCosts {
    /** Bounds the cache: a busy economy's lots are many, and a lot read again costs one balance read. */
    private static final int CACHE = 100_000;

    private static final BigInteger PICO_PER_MICRO = BigInteger.valueOf(1_000_000);

    private final LedgerStore store;
    private final ConcurrentHashMap<AccountId, Long> unitCosts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AccountId, long[]> netUnits = new ConcurrentHashMap<>();

    LotCosts(LedgerStore store) {
        this.store = store;
    }

    /** The cost of the takes in millionths of the base currency, rounded up. */
    long micros(List<Lots.Take> takes) {
        // In longs while they suffice (always, for real prices and counts); exactly in BigInteger beyond.
        long sum = 0;
        try {
            for (Lots.Take t : takes) {
                long unit = t.lot().type() == AccountType.LOT_PAID ? unitCost(t.lot()) : 0;
                if (unit > 0) {
                    sum = Math.addExact(sum, Math.multiplyExact(unit, t.coins()));
                }
            }
        } catch (ArithmeticException overflow) {
            return exactMicros(takes);
        }
        long micros = sum / 1_000_000;
        return sum % 1_000_000 > 0 ? micros + 1 : micros;
    }

    /** As {@link #micros}, in {@link BigInteger}: for sums past a {@code long}. */
    private long exactMicros(List<Lots.Take> takes) {
        BigInteger pico = BigInteger.ZERO;
        for (Lots.Take t : takes) {
            if (t.lot().type() != AccountType.LOT_PAID) {
                continue;
            }
            long unit = unitCost(t.lot());
            if (unit > 0) {
                pico = pico.add(BigInteger.valueOf(unit).multiply(BigInteger.valueOf(t.coins())));
            }
        }
        BigInteger[] qr = pico.divideAndRemainder(PICO_PER_MICRO);
        BigInteger micros = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return micros.bitLength() < 64 ? micros.longValue() : Long.MAX_VALUE;
    }

    /**
     * The net unit value of a paid lot's coins (10<sup>-9</sup> of the base currency) and its channel's share (basis
     * points), as recorded when it was credited; {@code {0, 0}} for a bonus lot or a lot credited without them.
     */
    long[] netUnit(AccountId lot) {
        if (lot.type() != AccountType.LOT_PAID) {
            return NONE;
        }
        long[] cached = netUnits.get(lot);
        if (cached != null) {
            return cached;
        }
        AccountId net = Lots.netOf(lot);
        AccountId share = Lots.shareOf(lot);
        long[] unit =
                store.exists(net) && store.exists(share) ? new long[] {store.balance(net), store.balance(share)} : NONE;
        if (netUnits.size() >= CACHE) {
            netUnits.clear();
        }
        netUnits.put(lot, unit);
        return unit;
    }

    private static final long[] NONE = {0, 0};

    private long unitCost(AccountId paidLot) {
        Long cached = unitCosts.get(paidLot);
        if (cached != null) {
            return cached;
        }
        AccountId cost = Lots.costOf(paidLot);
        long unit = store.exists(cost) ? store.balance(cost) : 0;
        if (unitCosts.size() >= CACHE) {
            unitCosts.clear();
        }
        unitCosts.put(paidLot, unit);
        return unit;
    }
}
