package dev.coinage.gift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.store.LedgerInvariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GiftingConcurrencyTest {
    private static final int THREADS = 8;

    /** The fixture to run on: the example economy on the in-memory store unless a subclass runs another store. */
    protected GiftingFixture fixture() {
        return new GiftingFixture();
    }

    @Test
    void manySendersToOneCreatorAndOneSenderAtItsLimitLoseNothingAndNeverPassTheLimit() throws Exception {
        GiftingFixture f = fixture();
        UserId creator = f.creator("star");
        List<UserId> fans = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            fans.add(f.viewer("fan" + i, 10_000));
        }
        UserId whale = f.viewer("whale", 1_000_000);
        f.gifting.setUserLimit(whale, LimitPeriod.DAY, 1_000); // the whale's own cap, far below its coins

        AtomicLong fanCoins = new AtomicLong();
        AtomicLong whaleCoins = new AtomicLong();
        AtomicLong refusedByLimit = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 150; i++) {
                    UserId fan = fans.get((thread * 150 + i) % fans.size());
                    GiftReceipt r = f.gifting.send(new GiftRequest(
                            IdempotencyKey.of("fan-" + thread + "-" + i),
                            fan,
                            creator,
                            GiftId.of(i % 3 == 0 ? "perfume" : "rose"),
                            1 + i % 3,
                            GiftContext.LIVE,
                            "live"));
                    fanCoins.addAndGet(r.coinsSpent());
                    try {
                        GiftReceipt w = f.gifting.send(new GiftRequest(
                                IdempotencyKey.of("whale-" + thread + "-" + i),
                                whale,
                                creator,
                                GiftId.of("finger-heart"),
                                1,
                                GiftContext.LIVE,
                                "live"));
                        whaleCoins.addAndGet(w.coinsSpent());
                    } catch (LimitExceededException e) {
                        assertThat(e.limit()).isEqualTo(1_000);
                        refusedByLimit.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> d : done) {
            d.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // The whale tried 1,200 × 5 coins against a cap of 1,000: exactly 200 gifts went through.
        assertThat(whaleCoins.get()).isEqualTo(1_000);
        assertThat(refusedByLimit.get()).isEqualTo(THREADS * 150 - 200);
        assertThat(f.coins(whale)).isEqualTo(1_000_000 - 1_000);
        LedgerSnapshot s = LedgerInvariants.check(f.store, Set.of());
        long total = fanCoins.get() + whaleCoins.get();
        assertThat(s.balance(AccountId.system(AccountType.COINS_CONSUMED))).isEqualTo(total);
        assertThat(f.held(creator)).isEqualTo(total); // 1/2 share: one part per coin
        long fansLeft = 0;
        for (UserId fan : fans) {
            fansLeft += f.coins(fan);
        }
        assertThat(fansLeft).isEqualTo(16 * 10_000 - fanCoins.get());
    }
}
