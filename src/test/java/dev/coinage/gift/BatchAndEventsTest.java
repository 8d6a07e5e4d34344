package dev.coinage.gift;

import static dev.coinage.gift.GiftingFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.event.CoinageListener;
import dev.coinage.event.TopGifters;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.store.LedgerInvariants;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchAndEventsTest {
    private final List<GiftSent> sent = new CopyOnWriteArrayList<>();
    private final List<dev.coinage.gift.DiamondsHeld> held = new CopyOnWriteArrayList<>();
    private final TopGifters top = TopGifters.create();
    private final GiftingFixture f = new GiftingFixture(ExampleEconomy.definition(), new CoinageListener() {
        @Override
        public void onGiftSent(GiftSent event) {
            sent.add(event);
            top.onGiftSent(event);
        }

        @Override
        public void onDiamondsHeld(dev.coinage.gift.DiamondsHeld event) {
            held.add(event);
        }
    });
    private final UserId creator = f.creator("creator");
    private int keys;

    private GiftRequest gift(UserId viewer, String gift, long count, String live) {
        return new GiftRequest(
                IdempotencyKey.of("tap-" + keys++), viewer, creator, GiftId.of(gift), count, GiftContext.LIVE, live);
    }

    @Test
    void aBatchAppliesEveryGiftAtomicallyAndReplaysAsAWhole() {
        UserId viewer = f.viewer("v", 100);
        List<GiftRequest> burst =
                List.of(gift(viewer, "rose", 1, "l"), gift(viewer, "rose", 1, "l"), gift(viewer, "perfume", 2, "l"));
        List<GiftReceipt> receipts = f.gifting.sendAll(burst);

        assertThat(receipts).extracting(GiftReceipt::coinsSpent).containsExactly(1L, 1L, 40L);
        assertThat(receipts).extracting(GiftReceipt::senderBalanceAfter).containsExactly(99L, 98L, 58L);
        assertThat(f.coins(viewer)).isEqualTo(58);
        assertThat(sent).hasSize(3);
        assertThat(held).extracting(dev.coinage.gift.DiamondsHeld::parts).containsExactly(1L, 1L, 40L);
        assertThat(held.get(0).releasableAt()).isEqualTo(java.time.Instant.parse("2025-12-02T10:00:00Z"));

        LedgerSnapshot before = f.store.snapshot();
        assertThat(f.gifting.sendAll(burst)).allMatch(GiftReceipt::replay);
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(sent).hasSize(3); // no event for replays
        assertThat(held).hasSize(3);
    }

    @Test
    void aBatchWhoseLastGiftCannotBePaidWritesNoGift() {
        UserId viewer = f.viewer("v", 30);
        List<GiftRequest> burst = List.of(gift(viewer, "perfume", 1, "l"), gift(viewer, "perfume", 1, "l"));
        InsufficientCoinsException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InsufficientCoinsException.class, () -> f.gifting.sendAll(burst));
        assertThat(e.required()).isEqualTo(20);
        assertThat(e.available()).isEqualTo(10);
        assertThat(f.coins(viewer)).isEqualTo(30);
        assertThat(f.held(creator)).isZero();
        assertThat(sent).isEmpty();
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aBatchWithARepeatedKeyOrNoGiftIsAProgrammingError() {
        UserId viewer = f.viewer("v", 30);
        GiftRequest g = gift(viewer, "rose", 1, "l");
        assertThatThrownBy(() -> f.gifting.sendAll(List.of(g, g))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.gifting.sendAll(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingListenerNeverAffectsTheGift() {
        GiftingFixture g = new GiftingFixture(ExampleEconomy.definition(), new CoinageListener() {
            @Override
            public void onGiftSent(GiftSent event) {
                throw new IllegalStateException("overlay service down");
            }
        });
        UserId viewer = g.viewer("v", 10);
        UserId c = g.creator("c");
        GiftReceipt r = g.gifting.send(
                new GiftRequest(IdempotencyKey.of("x"), viewer, c, GiftId.of("rose"), 2, GiftContext.LIVE, "l"));
        assertThat(r.coinsSpent()).isEqualTo(2);
        assertThat(g.coins(viewer)).isEqualTo(8);
        LedgerInvariants.check(g.store, Set.of());
    }

    @Test
    void topGiftersRankSendersPerLiveAndPerCreatorOverDays() {
        UserId ann = f.viewer("ann", 10_000);
        UserId bob = f.viewer("bob", 10_000);
        UserId cat = f.viewer("cat", 10_000);
        f.gifting.send(gift(ann, "perfume", 1, "live-1")); // 20
        f.gifting.send(gift(bob, "doughnut", 1, "live-1")); // 30
        f.gifting.send(gift(ann, "rose", 15, "live-1")); // 35 in all
        f.gifting.send(gift(cat, "galaxy", 1, "live-2")); // 1000, another LIVE
        f.clock.set(NOW.plus(Duration.ofDays(2)));
        f.gifting.send(gift(bob, "hand-hearts", 1, "live-3")); // 100, two days later

        assertThat(top.topOfLive("live-1", 10))
                .containsExactly(new TopGifters.Gifter(ann, 35), new TopGifters.Gifter(bob, 30));
        assertThat(top.topOfLive("live-1", 1)).containsExactly(new TopGifters.Gifter(ann, 35));
        assertThat(top.topOfLive("nope", 3)).isEmpty();
        LocalDate day = LocalDate.of(2025, 11, 25);
        assertThat(top.topOfCreator(creator, day, day, 10))
                .containsExactly(
                        new TopGifters.Gifter(cat, 1000),
                        new TopGifters.Gifter(ann, 35),
                        new TopGifters.Gifter(bob, 30));
        assertThat(top.topOfCreator(creator, day, day.plusDays(2), 2))
                .containsExactly(new TopGifters.Gifter(cat, 1000), new TopGifters.Gifter(bob, 130));
        top.forgetLive("live-1");
        assertThat(top.topOfLive("live-1", 3)).isEmpty();
        top.forgetBefore(day.plusDays(1));
        assertThat(top.topOfCreator(creator, day, day.plusDays(2), 5)).containsExactly(new TopGifters.Gifter(bob, 100));
    }

    @Test
    void aBatchThatWouldPassTheDailyLimitIsRefusedWithTheGiftThatWouldPassIt() {
        UserId viewer = f.viewer("v", 200_000);
        f.gifting.setUserLimit(viewer, dev.coinage.catalog.LimitPeriod.DAY, 100);
        List<GiftRequest> burst = List.of(
                gift(viewer, "perfume", 2, "l"), gift(viewer, "doughnut", 1, "l"), gift(viewer, "doughnut", 2, "l"));
        dev.coinage.gift.LimitExceededException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.coinage.gift.LimitExceededException.class, () -> f.gifting.sendAll(burst));
        assertThat(e.limit()).isEqualTo(100);
        assertThat(e.used()).isEqualTo(70); // 40 + 30 earlier in the same batch
        assertThat(e.attempted()).isEqualTo(60);
        assertThat(f.coins(viewer)).isEqualTo(200_000);
        assertThat(sent).isEmpty();
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aListenerFailingOnAReleaseNeverAffectsTheRelease() {
        GiftingFixture g = new GiftingFixture(ExampleEconomy.definition(), new CoinageListener() {
            @Override
            public void onHoldReleased(dev.coinage.earnings.HoldReleased event) {
                throw new IllegalStateException("analytics down");
            }
        });
        UserId viewer = g.viewer("v", 10);
        UserId c = g.creator("c");
        g.gifting.send(new GiftRequest(IdempotencyKey.of("x"), viewer, c, GiftId.of("rose"), 4, GiftContext.LIVE, "l"));
        g.clock.set(NOW.plus(Duration.ofDays(9)));
        assertThat(g.holds.releaseDueHolds().diamondsMinted()).isEqualTo(2);
        assertThat(g.diamonds(c)).isEqualTo(2);
    }
}
