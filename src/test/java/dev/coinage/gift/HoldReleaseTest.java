package dev.coinage.gift;

import static dev.coinage.gift.GiftingFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.HoldReleased;
import dev.coinage.earnings.ReleaseSummary;
import dev.coinage.event.CoinageListener;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.store.LedgerInvariants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HoldReleaseTest {
    private final List<HoldReleased> events = new CopyOnWriteArrayList<>();
    private int keys;

    private GiftingFixture fixture(EconomyDefinition d) {
        return new GiftingFixture(d, new CoinageListener() {
            @Override
            public void onHoldReleased(HoldReleased event) {
                events.add(event);
            }
        });
    }

    private GiftReceipt send(GiftingFixture f, UserId viewer, UserId creator, String gift, long count) {
        return f.gifting.send(new GiftRequest(
                IdempotencyKey.of("k" + keys++), viewer, creator, GiftId.of(gift), count, GiftContext.LIVE, "live"));
    }

    @Test
    void heldPartsBecomeWholeDiamondsOnceTheHoldWindowHasPassedAndTheFractionIsCarried() {
        GiftingFixture f = fixture(dev.coinage.pricing.ExampleEconomy.definition());
        UserId viewer = f.viewer("v", 1000);
        UserId creator = f.creator("c");
        send(f, viewer, creator, "rose", 3); // 3 parts in hold 2025112509

        Instant due = f.holds.releasableAt("2025112509");
        assertThat(due).isEqualTo(Instant.parse("2025-12-02T10:00:00Z"));
        f.clock.set(due.minusSeconds(1));
        assertThat(f.holds.releaseDueHolds().creators()).isZero();

        f.clock.set(due);
        ReleaseSummary s = f.holds.releaseDueHolds();
        assertThat(s).isEqualTo(new ReleaseSummary(1, 3, 1, 0));
        assertThat(f.diamonds(creator)).isEqualTo(1);
        assertThat(f.carry(creator)).isEqualTo(1);
        assertThat(f.held(creator)).isZero();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.holdPeriods()).containsExactly("2025112509");
            assertThat(e.carryAfter()).isEqualTo(1);
        });

        // Releasing again finds nothing: each part is released once.
        f.clock.set(due.plusSeconds(3600));
        assertThat(f.holds.releaseDueHolds().creators()).isZero();
        assertThat(events).hasSize(1);

        // One more part completes the carried half diamond.
        f.clock.set(NOW.plus(Duration.ofMinutes(150)));
        send(f, viewer, creator, "rose", 1);
        f.clock.set(f.holds.releasableAt("2025112511"));
        f.holds.releaseDueHolds();
        assertThat(f.diamonds(creator)).isEqualTo(2); // floor(4 × 1/2)
        assertThat(f.carry(creator)).isZero();
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aThirdShareCarriesTwoPartsAtMostAndKeepsTheFloor() {
        GiftingFixture f = fixture(GiftingFixture.economy(1, 3, ConversionMode.CARRY, Duration.ofHours(1), List.of()));
        UserId viewer = f.viewer("v", 1000);
        UserId creator = f.creator("c");
        long coins = 0;
        for (int hour = 0; hour < 5; hour++) {
            f.clock.set(NOW.plus(Duration.ofHours(hour)));
            coins += send(f, viewer, creator, "finger-heart", 1).coinsSpent(); // 5 coins, 5 thirds
            f.holds.releaseDueHolds();
            long parts = f.diamonds(creator) * 3 + f.carry(creator) + f.held(creator);
            assertThat(parts).isEqualTo(coins);
            assertThat(f.diamonds(creator) + (f.carry(creator) + f.held(creator)) / 3)
                    .isEqualTo(coins / 3);
            assertThat(f.carry(creator)).isLessThan(3);
        }
        f.clock.set(NOW.plus(Duration.ofDays(1)));
        f.holds.releaseDueHolds();
        assertThat(f.diamonds(creator)).isEqualTo(25 / 3);
        assertThat(f.carry(creator)).isEqualTo(25 % 3);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void platformResidueModeBooksTheFractionAtTheGiftAndReleasesWholeDiamondsOnly() {
        GiftingFixture f =
                fixture(GiftingFixture.economy(2, 3, ConversionMode.PLATFORM_RESIDUE, Duration.ofDays(7), List.of()));
        UserId viewer = f.viewer("v", 1000);
        UserId creator = f.creator("c");
        GiftReceipt r = send(f, viewer, creator, "finger-heart", 1); // 5 coins × 2/3 = 10 thirds
        assertThat(r.partsCredited()).isEqualTo(9);
        assertThat(r.residueParts()).isEqualTo(1);
        assertThat(r.partsCredited() + r.residueParts()).isEqualTo(r.coinsSpent() * 2);

        GiftReceipt tiny = send(f, viewer, creator, "rose", 1); // 2 thirds: all residue
        assertThat(tiny.partsCredited()).isZero();
        assertThat(tiny.residueParts()).isEqualTo(2);

        f.clock.set(NOW.plus(Duration.ofDays(8)));
        f.holds.releaseDueHolds();
        assertThat(f.diamonds(creator)).isEqualTo(3);
        assertThat(f.carry(creator)).isZero();
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void concurrentReleasesReleaseEachPartOnce() throws Exception {
        GiftingFixture f = fixture(GiftingFixture.economy(1, 2, ConversionMode.CARRY, Duration.ofHours(1), List.of()));
        UserId viewer = f.viewer("v", 100_000);
        List<UserId> creators = List.of(f.creator("a"), f.creator("b"), f.creator("c"));
        long[] coins = new long[3];
        for (int i = 0; i < 60; i++) {
            f.clock.set(NOW.plus(Duration.ofMinutes(7L * i)));
            coins[i % 3] += send(f, viewer, creators.get(i % 3), "finger-heart", 1 + i % 4)
                    .coinsSpent();
        }
        Instant later = NOW.plus(Duration.ofDays(1));
        f.clock.set(later);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReleaseSummary>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> f.holds.releaseDueHolds()));
            }
            long minted = 0;
            for (Future<ReleaseSummary> run : runs) {
                minted += run.get().diamondsMinted();
            }
            long expected = 0;
            for (int i = 0; i < 3; i++) {
                assertThat(f.diamonds(creators.get(i))).isEqualTo(coins[i] / 2);
                assertThat(f.carry(creators.get(i))).isEqualTo(coins[i] % 2);
                expected += coins[i] / 2;
            }
            assertThat(minted).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void holdAccountsThatAreNotHourlyGiftPeriodsAreLeftAlone() {
        GiftingFixture f = fixture(dev.coinage.pricing.ExampleEconomy.definition());
        UserId viewer = f.viewer("v", 1000);
        UserId creator = f.creator("c");
        dev.coinage.ledger.AccountId foreign = dev.coinage.ledger.AccountId.creatorHold(creator, "p0");
        f.store.open(foreign);
        f.store.apply(dev.coinage.ledger.TransactionRequest.builder(IdempotencyKey.of("other"), "other")
                .debit(dev.coinage.ledger.AccountId.system(dev.coinage.ledger.AccountType.PARTS_ISSUED), 7)
                .credit(foreign, 7)
                .build());
        send(f, viewer, creator, "rose", 2);

        f.clock.set(NOW.plus(Duration.ofDays(30)));
        assertThat(f.holds.releaseDueHolds().partsReleased()).isEqualTo(2);
        assertThat(f.store.balance(foreign)).isEqualTo(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.holds.releasableAt("2025023009"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingIsReleasedBeforeTheClockSaysItIsDueWhateverTheCallerDoes() {
        GiftingFixture f = fixture(dev.coinage.pricing.ExampleEconomy.definition());
        UserId viewer = f.viewer("v", 1000);
        UserId creator = f.creator("c");
        assertThat(f.holds.nextReleaseDue()).isEmpty();
        send(f, viewer, creator, "rose", 4);
        Instant due = f.holds.releasableAt("2025112509");
        assertThat(f.holds.nextReleaseDue()).contains(due);

        for (int i = 0; i < 5; i++) {
            assertThat(f.holds.releaseDueHolds()).isEqualTo(new ReleaseSummary(0, 0, 0, 0));
            f.clock.advance(Duration.ofDays(1));
        }
        f.clock.set(due.minusMillis(1));
        assertThat(f.holds.releaseDueHolds().partsReleased()).isZero();
        assertThat(f.held(creator)).isEqualTo(4);
        assertThat(f.diamonds(creator)).isZero();

        f.clock.set(due);
        assertThat(f.holds.releaseDueHolds().diamondsMinted()).isEqualTo(2);
        assertThat(f.holds.nextReleaseDue()).isEmpty();
        LedgerInvariants.check(f.store, Set.of());
    }
}
