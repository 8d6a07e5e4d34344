package dev.coinage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.CoinageException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOutQuote;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.AccountId;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * API fuzzing: {@value #DEFAULT_CALLS} seeded calls (or {@code -Dcoinage.fuzz.calls}) through the public API of one
 * economy on the in-memory store, with random and hostile arguments: unknown ids, zero, negative and huge counts,
 * nulls, reused keys, stale quotes, payouts in every state. Every call must succeed or throw a documented exception (a
 * {@link CoinageException}, or {@link IllegalArgumentException}, {@link NullPointerException} or {@link
 * IllegalStateException} for a programmer error); at the end the ledger invariants hold. Run one seed again with
 * {@code -Dcoinage.fuzz.seed=N}.
 */
class ApiFuzzTest {
    static final int DEFAULT_CALLS = 100_000;
    static final String[] USERS = {"u0", "u1", "u2", "u3", "u4", "u5"};
    static final String[] GIFTS = {"rose", "doughnut", "galaxy", "lion", "pumpkin", "hanbok", "nope", "gg"};
    static final String[] PACKAGES = {"web-70", "web-700", "web-7000", "apple-65", "web-nope"};
    static final String[] CHANNELS = {"web", "apple", "google", "nope"};

    @Test
    void everyCallSucceedsOrThrowsADocumentedExceptionAndTheInvariantsHold() {
        long seed = Long.getLong("coinage.fuzz.seed", new Random().nextLong());
        int calls = Integer.getInteger("coinage.fuzz.calls", DEFAULT_CALLS);
        Fuzz fuzz = new Fuzz(seed);
        int[] outcomes = fuzz.run(calls);
        assertThat(outcomes[0] + outcomes[1]).as("seed %d", seed).isEqualTo(calls);
        assertThat(outcomes[0]).as("successes, seed %d", seed).isPositive();
        assertThat(outcomes[1]).as("refusals, seed %d", seed).isPositive();
        System.out.printf(
                "api fuzzing: %d calls, %d succeeded, %d refused, seed %d%n", calls, outcomes[0], outcomes[1], seed);
        Set<AccountId> wallets = new HashSet<>();
        for (String u : USERS) {
            wallets.add(AccountId.userCoins(UserId.of(u)));
        }
        try {
            LedgerInvariants.check(fuzz.e.store, wallets);
            LedgerInvariants.checkLots(fuzz.e.store);
        } catch (AssertionError failed) {
            throw new AssertionError("invariants broken, seed " + seed + ": " + failed.getMessage(), failed);
        }
    }

    /** One fuzzing run. */
    static final class Fuzz {
        final long seed;
        final Random random;
        final TestEconomy e;
        final Coinage coinage;
        final List<RechargeQuote> quotes = new ArrayList<>();
        final List<String> purchases = new ArrayList<>();
        final List<CashOutQuote> cashOutQuotes = new ArrayList<>();
        final List<String> payouts = new ArrayList<>();

        Fuzz(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            this.e = new TestEconomy(
                    InMemoryLedgerStore.create(),
                    AbusePolicy.none()
                            .withGiftVelocity(40, 20)
                            .withFirstPurchaseHold(7_000, Duration.ofHours(2))
                            .withCircularFlowFlag(5_000, true));
            this.coinage = e.coinage;
        }

        /** Runs the calls; returns {successes, documented refusals}. */
        int[] run(int calls) {
            int ok = 0;
            int refused = 0;
            for (int i = 0; i < calls; i++) {
                int op = random.nextInt(22);
                try {
                    call(op);
                    ok++;
                } catch (CoinageException | IllegalArgumentException | NullPointerException | IllegalStateException x) {
                    refused++;
                } catch (RuntimeException | Error x) {
                    throw new AssertionError(
                            "call " + i + " (operation " + op + ") threw an undocumented " + x + ", seed " + seed, x);
                }
            }
            return new int[] {ok, refused};
        }

        UserId user() {
            int r = random.nextInt(100);
            if (r == 0) {
                return null;
            }
            if (r == 1) {
                return UserId.of(random.nextBoolean() ? "" : "x".repeat(200));
            }
            return UserId.of(USERS[random.nextInt(USERS.length)]);
        }

        long count() {
            switch (random.nextInt(12)) {
                case 0:
                    return 0;
                case 1:
                    return -random.nextInt(5) - 1;
                case 2:
                    return Long.MAX_VALUE - random.nextInt(3);
                case 3:
                    return 1L << (40 + random.nextInt(20));
                default:
                    return 1 + random.nextInt(random.nextBoolean() ? 5 : 200);
            }
        }

        IdempotencyKey key(String prefix) {
            int r = random.nextInt(200);
            if (r == 0) {
                return null;
            }
            if (r == 1) {
                return IdempotencyKey.of("");
            }
            return IdempotencyKey.of(prefix + "-" + random.nextInt(400));
        }

        <T> T pick(List<T> list) {
            if (list.isEmpty() || random.nextInt(50) == 0) {
                return null;
            }
            return list.get(random.nextInt(Math.min(list.size(), 64)) + Math.max(0, list.size() - 64));
        }

        CurrencyUnit currency() {
            return Monetary.getCurrency(random.nextInt(8) == 0 ? "EUR" : random.nextInt(20) == 0 ? "JPY" : "USD");
        }

        GiftRequest giftRequest() {
            String liveId = random.nextInt(100) == 0 ? "" : "live-" + random.nextInt(3);
            return GiftRequest.live(key("gift"), user(), user(), GiftId.of(GIFTS[random.nextInt(GIFTS.length)]), liveId)
                    .withCount(count());
        }

        void call(int op) {
            switch (op) {
                case 0, 1 -> {
                    RechargeQuote q = coinage.quotes()
                            .quotePackage(
                                    user(),
                                    ChannelId.of(CHANNELS[random.nextInt(CHANNELS.length)]),
                                    PackageId.of(PACKAGES[random.nextInt(PACKAGES.length)]),
                                    currency(),
                                    random.nextInt(30) == 0 ? Region.of("KR") : TestEconomy.US);
                    quotes.add(q);
                }
                case 2 ->
                    quotes.add(coinage.quotes()
                            .quoteCustom(user(), ChannelId.of("web"), count(), currency(), TestEconomy.US));
                case 3, 4, 5 -> {
                    if (random.nextInt(10) == 0) {
                        e.payments.then(
                                random.nextBoolean() ? PaymentResult.Status.PENDING : PaymentResult.Status.FAILED);
                    }
                    purchases.add(coinage.recharges()
                            .charge(pick(quotes), key("order"))
                            .purchase());
                }
                case 6 -> {
                    String payment = "pay_" + random.nextInt(Math.max(1, e.payments.payments() + 2));
                    var amount = e.payments.amountOf(payment);
                    coinage.recharges()
                            .confirm(
                                    payment,
                                    amount == null || random.nextInt(10) == 0
                                            ? Money.of(random.nextInt(100), "USD")
                                            : amount);
                }
                case 7 -> coinage.recharges().decline("pay_" + random.nextInt(Math.max(1, e.payments.payments() + 2)));
                case 8 -> {
                    String purchase = pick(purchases);
                    RefundKind kind = random.nextBoolean() ? RefundKind.REFUND : RefundKind.CHARGEBACK;
                    String id = "refund-" + random.nextInt(300);
                    coinage.recharges()
                            .refund(
                                    random.nextBoolean()
                                            ? RefundRequest.full(id, purchase, kind)
                                            : RefundRequest.partial(id, purchase, count(), kind));
                }
                case 9, 10, 11, 12, 13 -> coinage.gifts().send(giftRequest());
                case 14 -> {
                    List<GiftRequest> batch = new ArrayList<>();
                    int n = random.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        batch.add(giftRequest());
                    }
                    coinage.gifts().sendAll(batch);
                }
                case 15 ->
                    coinage.gifts()
                            .setUserLimit(
                                    user(),
                                    LimitPeriod.values()[random.nextInt(LimitPeriod.values().length)],
                                    random.nextInt(5) == 0 ? -1 : random.nextInt(50_000));
                case 16 -> {
                    e.advance(Duration.ofMinutes(random.nextInt(random.nextInt(20) == 0 ? 20_000 : 5)));
                    if (random.nextBoolean()) {
                        coinage.holds().releaseDueHolds();
                    }
                }
                case 17 ->
                    cashOutQuotes.add(coinage.cashOuts()
                            .quote(user(), random.nextBoolean() ? count() : 10_000 + random.nextInt(5_000)));
                case 18 ->
                    payouts.add(coinage.cashOuts()
                            .request(pick(cashOutQuotes), key("cashout"))
                            .id());
                case 19 -> {
                    String id = pick(payouts);
                    switch (random.nextInt(6)) {
                        case 0 -> coinage.cashOuts().approve(id);
                        case 1 -> coinage.cashOuts().reject(id, "fuzz");
                        case 2 -> coinage.cashOuts().submit(id);
                        case 3 -> coinage.cashOuts().paid(id);
                        case 4 -> coinage.cashOuts().failed(id, "fuzz");
                        default -> coinage.cashOuts().returned(id, "fuzz");
                    }
                }
                case 20 -> {
                    coinage.coins(user());
                    coinage.diamonds(user());
                    coinage.earnings(user());
                }
                default -> {
                    coinage.gifts().remainingAllowance(user(), LimitPeriod.values()[random.nextInt(4)]);
                    coinage.recharges().unfreeze(user(), key("unfreeze"));
                }
            }
        }
    }
}
