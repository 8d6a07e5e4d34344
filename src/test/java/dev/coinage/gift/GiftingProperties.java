package dev.coinage.gift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.policy.SpendingPeriods;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Generated sequences of gifts, batches, retries, time advances and releases, on generated economies (share, mode,
 * hold window); after every step the ledger invariants hold, every gift cost price × count and earned exactly
 * coins × share in parts, each creator's whole diamonds are the floor of their coins × share (carry mode), the carry
 * stays below one diamond, and no sender ever spent more than the day's cap.
 */
class GiftingProperties {
    private static final long[][] SHARES = {{1, 2}, {1, 3}, {2, 3}, {1, 1}, {3, 7}};
    private static final String[] GIFTS = {"rose", "finger-heart", "perfume", "doughnut", "hand-hearts", "corgi"};
    private static final long DAY_CAP = 1500;
    private static final long PER_GIFT_CAP = 1000;
    private static final int SENDERS = 3;
    private static final int CREATORS = 2;

    enum Kind {
        GIFT,
        GIFT2,
        VIDEO_GIFT,
        BATCH,
        RETRY,
        ADVANCE,
        RELEASE,
        FUND
    }

    record Op(Kind kind, int a, int b, int c, int d) {}

    record Economy(int share, boolean residue, int holdHours) {}

    /** A fresh store for one generated case; the in-memory store unless a subclass runs another. */
    protected LedgerStore newStore() {
        return InMemoryLedgerStore.create();
    }

    /** Releases what {@link #newStore} acquired. */
    protected void release(LedgerStore store) {}

    /** How many generated cases to run. */
    protected int examples() {
        return 250;
    }

    @Test
    void everySequenceKeepsTheInvariantsTheExactConversionAndTheLimits() {
        Gen<Economy> economies = integers()
                .between(0, SHARES.length - 1)
                .zip(integers().between(0, 1), integers().between(0, 30), (s, m, h) -> new Economy(s, m == 1, h));
        Gen<Op> ops = integers()
                .between(0, Kind.values().length - 1)
                .zip(
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        (k, a, b, c, d) -> new Op(Kind.values()[k], a, b, c, d));
        qt().withExamples(examples())
                .forAll(economies, lists().of(ops).ofSizeBetween(1, 50))
                .checkAssert((economy, sequence) -> {
                    LedgerStore store = newStore();
                    try {
                        new Run(economy, store).run(sequence);
                    } finally {
                        release(store);
                    }
                });
    }

    private static final class Run {
        final long numerator;
        final long parts;
        final boolean residue;
        final GiftingFixture f;
        final List<UserId> senders = new ArrayList<>();
        final List<UserId> creators = new ArrayList<>();
        final Map<UserId, Long> creatorCoins = new HashMap<>();
        final Map<UserId, Long> creatorResidue = new HashMap<>();
        final Map<String, Long> spentPerDay = new HashMap<>();
        GiftRequest last;
        GiftReceipt lastReceipt;
        int keys;

        Run(Economy e, LedgerStore store) {
            numerator = SHARES[e.share()][0];
            parts = SHARES[e.share()][1];
            residue = e.residue();
            f = new GiftingFixture(
                    GiftingFixture.economy(
                            numerator,
                            parts,
                            residue ? ConversionMode.PLATFORM_RESIDUE : ConversionMode.CARRY,
                            Duration.ofHours(e.holdHours()),
                            List.of(
                                    SpendingLimit.ofCoins(LimitPeriod.PER_GIFT, PER_GIFT_CAP),
                                    SpendingLimit.ofCoins(LimitPeriod.DAY, DAY_CAP))),
                    null,
                    store);
            for (int i = 0; i < SENDERS; i++) {
                senders.add(f.viewer("s" + i, 800));
            }
            for (int i = 0; i < CREATORS; i++) {
                creators.add(f.creator("c" + i));
            }
        }

        void run(List<Op> ops) {
            for (Op op : ops) {
                step(op);
                verify();
            }
        }

        GiftRequest request(int a, int b, int c, int d, GiftContext context) {
            String gift =
                    context == GiftContext.VIDEO ? (b % 2 == 0 ? "rose" : "hand-hearts") : GIFTS[b % GIFTS.length];
            return new GiftRequest(
                    IdempotencyKey.of("k" + keys++),
                    senders.get(a % SENDERS),
                    creators.get(d % CREATORS),
                    GiftId.of(gift),
                    1 + c % 6,
                    context,
                    "ctx" + d % 3);
        }

        void step(Op op) {
            switch (op.kind()) {
                case GIFT, GIFT2 -> send(request(op.a(), op.b(), op.c(), op.d(), GiftContext.LIVE));
                case VIDEO_GIFT -> send(request(op.a(), op.b(), op.c(), op.d(), GiftContext.VIDEO));
                case BATCH ->
                    batch(List.of(
                            request(op.a(), op.b(), op.c(), op.d(), GiftContext.LIVE),
                            request(op.a(), op.c(), op.d(), op.b(), GiftContext.LIVE),
                            request(op.a() + 1, op.d(), op.b(), op.c(), GiftContext.LIVE)));
                case RETRY -> {
                    if (last != null) {
                        LedgerSnapshot before = f.store.snapshot();
                        GiftReceipt again = f.gifting.send(last);
                        assertThat(again.replay()).isTrue();
                        assertThat(again.transactionId()).isEqualTo(lastReceipt.transactionId());
                        assertThat(again.coinsSpent()).isEqualTo(lastReceipt.coinsSpent());
                        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
                    }
                }
                case ADVANCE -> f.clock.advance(Duration.ofMinutes(1 + op.a() * 3L));
                case RELEASE -> {
                    java.time.Instant now = f.clock.instant();
                    assertThat(f.holds.releaseDueHolds().creatorsDeferred()).isZero();
                    // Nothing due is left on hold.
                    for (Map.Entry<AccountId, Long> b :
                            f.store.snapshot().balances().entrySet()) {
                        if (b.getKey().type() == AccountType.CREATOR_HOLD && b.getValue() != 0) {
                            assertThat(f.holds.releasableAt(
                                            b.getKey().reference().orElseThrow()))
                                    .isAfter(now);
                        }
                    }
                }
                case FUND -> f.fund(senders.get(op.a() % SENDERS), 1 + op.b());
            }
        }

        long price(GiftRequest r) {
            return ExampleEconomy.definition()
                    .gifts()
                    .find(r.gift())
                    .orElseThrow()
                    .coins();
        }

        void send(GiftRequest r) {
            long before = f.coins(r.sender());
            try {
                GiftReceipt receipt = f.gifting.send(r);
                accepted(r, receipt, before);
                assertThat(receipt.senderBalanceAfter()).isEqualTo(before - receipt.coinsSpent());
                last = r;
                lastReceipt = receipt;
            } catch (InsufficientCoinsException e) {
                assertThat(e.required()).isEqualTo(price(r) * r.count());
                assertThat(e.available()).isLessThan(e.required());
                assertThat(f.coins(r.sender())).isEqualTo(before);
            } catch (LimitExceededException e) {
                refusedByLimit(r, e);
                assertThat(f.coins(r.sender())).isEqualTo(before);
            }
        }

        void batch(List<GiftRequest> requests) {
            Map<UserId, Long> before = new HashMap<>();
            senders.forEach(s -> before.put(s, f.coins(s)));
            try {
                List<GiftReceipt> receipts = f.gifting.sendAll(requests);
                for (int i = 0; i < requests.size(); i++) {
                    accepted(requests.get(i), receipts.get(i), 0);
                }
            } catch (InsufficientCoinsException | LimitExceededException e) {
                senders.forEach(s -> assertThat(f.coins(s)).isEqualTo(before.get(s)));
            }
        }

        void accepted(GiftRequest r, GiftReceipt receipt, long ignored) {
            long coins = price(r) * r.count();
            assertThat(receipt.replay()).isFalse();
            assertThat(receipt.coinsSpent()).isEqualTo(coins);
            assertThat(receipt.partsCredited() + receipt.residueParts()).isEqualTo(coins * numerator);
            if (residue) {
                assertThat(receipt.partsCredited() % parts).isZero();
                assertThat(receipt.residueParts()).isLessThan(parts);
            } else {
                assertThat(receipt.residueParts()).isZero();
            }
            creatorCoins.merge(r.creator(), coins, Long::sum);
            creatorResidue.merge(r.creator(), receipt.residueParts(), Long::sum);
            String day = r.sender() + "|" + SpendingPeriods.reference(LimitPeriod.DAY, f.clock.instant());
            long spent = spentPerDay.merge(day, coins, Long::sum);
            assertThat(spent).as("spent by %s", day).isLessThanOrEqualTo(DAY_CAP);
            assertThat(coins).isLessThanOrEqualTo(PER_GIFT_CAP);
        }

        void refusedByLimit(GiftRequest r, LimitExceededException e) {
            long coins = price(r) * r.count();
            assertThat(e.attempted()).isEqualTo(coins);
            if (e.period() == LimitPeriod.PER_GIFT) {
                assertThat(coins).isGreaterThan(PER_GIFT_CAP);
            } else {
                assertThat(e.period()).isEqualTo(LimitPeriod.DAY);
                String day = r.sender() + "|" + SpendingPeriods.reference(LimitPeriod.DAY, f.clock.instant());
                assertThat(e.used()).isEqualTo(spentPerDay.getOrDefault(day, 0L));
                assertThat(e.used() + coins).isGreaterThan(DAY_CAP);
            }
        }

        void verify() {
            LedgerSnapshot s = LedgerInvariants.check(f.store, Set.of());
            long minted = -s.balance(AccountId.system(AccountType.DIAMONDS_ISSUED));
            assertThat(s.balance(AccountId.system(AccountType.PARTS_CONVERTED))).isEqualTo(minted * parts);
            for (UserId c : creators) {
                long total = creatorCoins.getOrDefault(c, 0L) * numerator;
                long diamonds = f.diamonds(c);
                long carry = f.carry(c);
                long held = f.held(c);
                assertThat(carry).isBetween(0L, parts - 1);
                assertThat(diamonds * parts + carry + held + creatorResidue.getOrDefault(c, 0L))
                        .as("parts of %s", c)
                        .isEqualTo(total);
                if (residue) {
                    assertThat(carry).isZero();
                } else {
                    assertThat(diamonds + (carry + held) / parts)
                            .as("floor property of %s", c)
                            .isEqualTo(total / parts);
                }
                AccountId room = AccountId.member(AccountType.CREATOR_CARRY_ROOM, c);
                if (f.store.exists(room) && parts > 1) {
                    assertThat(carry + f.store.balance(room)).isEqualTo(parts - 1);
                }
            }
        }
    }
}
