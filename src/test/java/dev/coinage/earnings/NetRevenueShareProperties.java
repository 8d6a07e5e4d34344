package dev.coinage.earnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * After any sequence of purchases (App Store, Google Play, web) and gifts to a creator with or without a tier, each
 * creator's earnings are exactly Σ coins × their net unit value × the share, and their diamonds after release are the
 * floor of that in millionths of the base currency.
 */
class NetRevenueShareProperties {
    private static final String[][] PACKAGES = {
        {"apple", "apple-65"},
        {"apple", "apple-1000"},
        {"google", "google-330"},
        {"web", "web-350"},
        {"web", "web-1000"}
    };
    private static final long PPD = 10_000_000L;

    /** The store of one generated case; PostgreSQL in the subclass. */
    LedgerStore newStore(Clock clock) {
        return InMemoryLedgerStore.create(clock);
    }

    /** Releases the store of a case. */
    void release(LedgerStore store) {}

    /** How many cases. */
    int examples() {
        return 40;
    }

    /** A lot in the model: coins left, net unit value (10^-9 USD), the share of its channel (basis points). */
    private static final class Lot {
        long coins;
        final long net;
        final long bp;

        Lot(long coins, long net, long bp) {
            this.coins = coins;
            this.net = net;
            this.bp = bp;
        }
    }

    @Test
    void earningsAreTheFloorOfNetTimesShareExactly() {
        // An operation: 0-4 buys a package; 5-9 gifts (count from the second number) to the creator, 10-14 to the
        // partner.
        qt().withExamples(examples())
                .forAll(
                        lists().of(integers().between(0, 14)).ofSizeBetween(1, 12),
                        integers().between(1, 700))
                .checkAssert((ops, seed) -> run(ops, seed));
    }

    private void run(List<Integer> ops, int seed) {
        AtomicReference<Instant> now = new AtomicReference<>(NetRevenueShareTest.START);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        UserId viewer = UserId.of("viewer");
        UserId creator = UserId.of("creator");
        UserId partner = UserId.of("partner");
        MemberProfile plain = MemberProfile.of(LocalDate.of(1990, 1, 1), NetRevenueShareTest.US);
        LedgerStore store = newStore(clock);
        try {
            Coinage coinage = Coinage.builder()
                    .definition(NetRevenueShareTest.NET)
                    .store(store)
                    .clock(clock)
                    .members(u -> Optional.of(u.equals(partner) ? plain.withTier("partner") : plain))
                    .payments(p -> PaymentResult.succeeded("psp-" + p.key().value()))
                    .build();
            Deque<Lot> lots = new ArrayDeque<>();
            Map<UserId, BigInteger> expected = new HashMap<>();
            int n = 0;
            for (int op : ops) {
                n++;
                now.updateAndGet(i -> i.plusSeconds(61));
                if (op < 5) {
                    String[] pkg = PACKAGES[op];
                    ChannelId channel = ChannelId.of(pkg[0]);
                    RechargeQuote q = coinage.quotes()
                            .quotePackage(
                                    viewer,
                                    channel,
                                    PackageId.of(pkg[1]),
                                    NetRevenueShareTest.USD,
                                    NetRevenueShareTest.US);
                    coinage.recharges().charge(q, IdempotencyKey.of("buy-" + n));
                    lots.add(new Lot(q.paidCoins(), netUnit(q), channel.value().equals("google") ? 6_500 : 7_000));
                    continue;
                }
                UserId to = op < 10 ? creator : partner;
                long available = lots.stream().mapToLong(l -> l.coins).sum();
                long count = Math.min(available, 1 + (long) seed * (op % 5 + 1) % 900);
                if (count == 0) {
                    continue;
                }
                coinage.gifts()
                        .send(new GiftRequest(
                                IdempotencyKey.of("gift-" + n),
                                viewer,
                                to,
                                GiftId.of("rose"),
                                count,
                                GiftContext.LIVE,
                                "l"));
                long left = count;
                while (left > 0) {
                    Lot lot = lots.peekFirst();
                    long k = Math.min(left, lot.coins);
                    long bp = to.equals(partner) ? 8_000 : lot.bp;
                    expected.merge(
                            to,
                            BigInteger.valueOf(k)
                                    .multiply(BigInteger.valueOf(lot.net))
                                    .multiply(BigInteger.valueOf(bp)),
                            BigInteger::add);
                    lot.coins -= k;
                    left -= k;
                    if (lot.coins == 0) {
                        lots.removeFirst();
                    }
                }
            }
            for (UserId c : List.of(creator, partner)) {
                BigInteger parts = expected.getOrDefault(c, BigInteger.ZERO);
                assertThat(BigInteger.valueOf(coinage.earnings(c).heldParts())).isEqualTo(parts);
            }
            now.updateAndGet(i -> i.plus(Duration.ofDays(8)));
            coinage.holds().releaseDueHolds();
            for (UserId c : List.of(creator, partner)) {
                BigInteger parts = expected.getOrDefault(c, BigInteger.ZERO);
                CreatorEarnings e = coinage.earnings(c);
                assertThat(e.availableDiamonds())
                        .isEqualTo(parts.divide(BigInteger.valueOf(PPD)).longValueExact());
                assertThat(e.carryParts())
                        .isEqualTo(parts.mod(BigInteger.valueOf(PPD)).longValueExact());
                assertThat(e.heldParts()).isZero();
            }
        } finally {
            release(store);
        }
    }

    /**
     * The net value of one paid coin in 10^-9 USD, as docs/economics.md defines it: the coin's cost (to 10^-12, up)
     * times the share of the amount left after the store's fee and the tax, rounded down.
     */
    private static long netUnit(RechargeQuote q) {
        BigDecimal amount = q.gross().getNumber().numberValue(BigDecimal.class);
        BigDecimal unitCost =
                amount.movePointRight(12).divide(BigDecimal.valueOf(q.paidCoins()), 0, RoundingMode.CEILING);
        BigDecimal left = amount.subtract(q.storeFee().getNumber().numberValue(BigDecimal.class))
                .subtract(q.tax().getNumber().numberValue(BigDecimal.class));
        return unitCost.multiply(left)
                .divide(amount.movePointRight(3), 0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
