package dev.coinage.recharge;

import static dev.coinage.recharge.RechargeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.UserId;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RechargeConcurrencyTest {
    private static final int THREADS = 8;

    /** The store under test; the in-memory store unless a subclass runs another. */
    protected LedgerStore newStore() {
        return InMemoryLedgerStore.create();
    }

    private static <T> List<Object> race(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<T> fu : futures) {
                try {
                    results.add(fu.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    results.add(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameWebhookFromEightThreadsAtOnceCreditsOnce() throws Exception {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT, newStore());
        UserId ana = f.member("ana", false);
        f.gateway.then(PaymentResult.Status.PENDING);
        String ref = f.recharges.charge(f.web(ana, "web-700"), key("c1")).purchase();

        List<Object> results = race(() -> f.recharges.confirm(ref, f.gateway.amountOf(ref)));

        assertThat(results).allMatch(r -> r instanceof RechargeReceipt);
        assertThat(results.stream().filter(r -> !((RechargeReceipt) r).replay()))
                .hasSize(1);
        assertThat(f.coins(ana)).isEqualTo(700);
        assertThat(f.events.stream().filter(e -> e instanceof CoinsCredited)).hasSize(1);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void theSameChargeFromEightThreadsAtOnceChargesAndCreditsOnce() throws Exception {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT, newStore());
        UserId ana = f.member("ana", false);
        var quote = f.web(ana, "web-17500");

        List<Object> results = race(() -> f.recharges.charge(quote, key("c1")));

        assertThat(results).allMatch(r -> r instanceof RechargeReceipt);
        assertThat(f.gateway.payments()).isEqualTo(1);
        assertThat(f.coins(ana)).isEqualTo(17_850);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aConfirmationRacingADeclineEndsInExactlyOneOfThem() throws Exception {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT, newStore());
        UserId ana = f.member("ana", false);
        f.gateway.then(PaymentResult.Status.PENDING);
        String ref = f.recharges.charge(f.web(ana, "web-700"), key("c1")).purchase();
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

        List<Object> results = race(() -> turn.getAndIncrement() % 2 == 0
                ? f.recharges.confirm(ref, f.gateway.amountOf(ref))
                : (Object) f.recharges.decline(ref));

        boolean credited = f.coins(ana) == 700;
        assertThat(f.coins(ana)).isIn(0L, 700L);
        for (Object r : results) {
            if (credited) {
                // Every confirmation returns the credit; every decline finds it credited.
                assertThat(r instanceof RechargeReceipt || Boolean.FALSE.equals(r))
                        .as("%s", r)
                        .isTrue();
            } else {
                assertThat(Boolean.TRUE.equals(r) || declined(r)).as("%s", r).isTrue();
            }
        }
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void concurrentPartialRefundsNeverRefundMoreThanThePurchase() throws Exception {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT, newStore());
        UserId ana = f.member("ana", false);
        String ref = f.recharges.charge(f.web(ana, "web-700"), key("c1")).purchase();
        java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();

        List<Object> results = race(() ->
                f.recharges.refund(RefundRequest.partial("re-" + ids.incrementAndGet(), ref, 200, RefundKind.REFUND)));

        assertThat(results.stream().filter(r -> r instanceof RefundExceedsPurchaseException))
                .hasSize(THREADS - 3);
        assertThat(f.coins(ana)).isEqualTo(100);
        assertThat(f.recharges.lot(ref).orElseThrow().refundable()).isEqualTo(100);
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void giftsFromOneSenderRacingRefundsAndRechargesKeepEveryLotExact() throws Exception {
        RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT, newStore());
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        List<String> purchases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            f.clock.advance(java.time.Duration.ofMillis(1));
            purchases.add(f.recharges.charge(f.web(ana, "web-70"), key("c" + i)).purchase());
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

        // Threads send gifts of 9 roses, refund a purchase in part, or buy more, all on one wallet and its lots.
        List<Object> results = race(() -> {
            List<Object> outcomes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int k = n.incrementAndGet();
                try {
                    if (k % 5 == 0) {
                        outcomes.add(f.recharges.refund(RefundRequest.partial(
                                "re-" + k, purchases.get(k % purchases.size()), 7, RefundKind.REFUND)));
                    } else if (k % 7 == 0) {
                        outcomes.add(f.recharges.charge(f.web(ana, "web-70"), key("more-" + k)));
                    } else {
                        outcomes.add(f.gifting.send(new dev.coinage.gift.GiftRequest(
                                key("g" + k),
                                ana,
                                cleo,
                                dev.coinage.catalog.GiftId.of("rose"),
                                9,
                                dev.coinage.catalog.GiftContext.LIVE,
                                "l")));
                    }
                } catch (dev.coinage.ledger.InsufficientCoinsException
                        | RefundExceedsPurchaseException
                        | dev.coinage.core.ConcurrentSpendingException expected) {
                    outcomes.add(expected);
                }
            }
            return outcomes;
        });

        assertThat(results).noneMatch(r -> r instanceof Throwable);
        long gifts = 0;
        long gaveUp = 0;
        for (Object r : results) {
            for (Object o : (List<?>) r) {
                if (o instanceof dev.coinage.gift.GiftReceipt) {
                    gifts++;
                } else if (o instanceof dev.coinage.core.ConcurrentSpendingException) {
                    gaveUp++;
                }
            }
        }
        assertThat(gifts).isPositive();
        // Retrying with a random pause resolves the races: giving up (a typed outcome, nothing written) stays rare.
        assertThat(gaveUp).as("requests that gave up after %d attempts", 16).isLessThanOrEqualTo(2);
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of(dev.coinage.ledger.AccountId.userCoins(ana)));
    }

    @Test
    void everyChargebackCompletesWhileGiftsFromTheSameWalletRaceIt() throws Exception {
        refundsRacingGiftsAllComplete(DebtPolicy.ALLOW_DEBT);
    }

    @Test
    void everyRefundUnderTheFreezePolicyCompletesWhileGiftsFromTheSameWalletRaceIt() throws Exception {
        refundsRacingGiftsAllComplete(DebtPolicy.FREEZE);
    }

    /**
     * Six threads send gifts of one rose from one wallet as fast as they can while two threads apply chargebacks of
     * its oldest purchases, whose coins were spent: each chargeback recovers them from the wallet's other lots, the
     * very lots the gifts consume. Every chargeback must complete, exactly once, and every lot stay exact.
     */
    private void refundsRacingGiftsAllComplete(DebtPolicy policy) throws Exception {
        final int bought = 24;
        final int refunded = 8;
        final int refundThreads = 2;
        RechargeFixture f = new RechargeFixture(policy, newStore());
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        List<String> purchases = new ArrayList<>();
        for (int i = 0; i < bought; i++) {
            f.clock.advance(java.time.Duration.ofMillis(1));
            purchases.add(
                    f.recharges.charge(f.web(ana, "web-700"), key("c" + i)).purchase());
        }
        // The coins of the purchases to be charged back are spent (all but the last one's), on gifts to cleo.
        for (int i = 0; i < refunded - 1; i++) {
            f.gifting.send(rose(ana, cleo, "spent-" + i, 700));
        }
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refundsLeft =
                new java.util.concurrent.atomic.AtomicInteger(refundThreads);
        java.util.concurrent.atomic.AtomicInteger gifts = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch giftsUnderWay = new CountDownLatch(1);

        List<Object> results = race(() -> {
            int me = turn.getAndIncrement();
            List<Object> outcomes = new ArrayList<>();
            if (me < refundThreads) {
                try {
                    // The gifts are under way before the first chargeback reads the lots.
                    giftsUnderWay.await(30, TimeUnit.SECONDS);
                    for (int i = me; i < refunded; i += refundThreads) {
                        try {
                            outcomes.add(f.recharges.refund(
                                    RefundRequest.full("cb-" + i, purchases.get(i), RefundKind.CHARGEBACK)));
                        } catch (RuntimeException e) {
                            outcomes.add(e);
                        }
                    }
                } finally {
                    refundsLeft.decrementAndGet();
                }
            } else {
                for (int i = 0; refundsLeft.get() > 0 && i < 20_000; i++) {
                    try {
                        f.gifting.send(rose(ana, cleo, "g" + me + "-" + i, 1));
                        gifts.incrementAndGet();
                        giftsUnderWay.countDown();
                    } catch (dev.coinage.ledger.InsufficientCoinsException
                            | WalletFrozenException
                            | dev.coinage.core.ConcurrentSpendingException expected) {
                        // The refunds emptied or froze the wallet, or a refund won the lot this gift picked.
                    }
                }
            }
            return outcomes;
        });

        List<Object> refunds = new ArrayList<>();
        for (Object r : results) {
            assertThat(r).isInstanceOf(List.class);
            refunds.addAll((List<?>) r);
        }
        assertThat(gifts.get()).as("gifts sent during the refunds").isPositive();
        assertThat(refunds.stream().filter(r -> !(r instanceof RefundResult)))
                .as("chargebacks that did not complete, of %d", refunded)
                .isEmpty();
        assertThat(refunds).hasSize(refunded);
        // Exactly once: one event per refund id, and the same id again replays the same result.
        assertThat(f.events.stream().filter(e -> e instanceof RefundApplied)).hasSize(refunded);
        for (Object r : refunds) {
            RefundResult first = (RefundResult) r;
            RefundResult again =
                    f.recharges.refund(RefundRequest.full(first.refundId(), first.purchase(), RefundKind.CHARGEBACK));
            assertThat(again.replay()).isTrue();
            assertThat(again.coins()).isEqualTo(first.coins()).isEqualTo(700);
            assertThat(again.clawedBack()).isEqualTo(first.clawedBack());
            assertThat(again.debt()).isEqualTo(first.debt());
            assertThat(again.writtenOff()).isEqualTo(first.writtenOff());
        }
        for (int i = 0; i < bought; i++) {
            assertThat(f.recharges.lot(purchases.get(i)).orElseThrow().refundable())
                    .isEqualTo(i < refunded ? 0 : 700);
        }
        assertThat(f.events.stream().filter(e -> e instanceof RefundApplied)).hasSize(refunded);
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of(dev.coinage.ledger.AccountId.userCoins(ana)));
    }

    private static dev.coinage.gift.GiftRequest rose(UserId from, UserId to, String key, long count) {
        return new dev.coinage.gift.GiftRequest(
                key(key),
                from,
                to,
                dev.coinage.catalog.GiftId.of("rose"),
                count,
                dev.coinage.catalog.GiftContext.LIVE,
                "l");
    }

    static boolean declined(Object r) {
        return r instanceof PaymentDeclinedException;
    }
}
