package dev.coinage.recharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePaymentGateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The provider's webhooks — pending payments settling, refunds and chargebacks it initiates — delivered in order, each
 * twice, or shuffled with duplicates (refunds ahead of the payments they refund, redelivered), then all delivered again
 * much later: each captured payment is credited exactly once, each failed one never, each refund id resolved at most
 * once, the ledger's invariants and lots hold, and the late redelivery changes nothing.
 */
class WebhookDeliveryProperties {
    private static final String[] PACKAGES = {"web-70", "web-700", "web-17500"};

    /** One purchase of the generated story: its package, whether it goes through pending, how it ends. */
    record Story(int pkg, boolean pending, boolean captured, int refund, int spend) {}

    protected LedgerStore newStore() {
        return InMemoryLedgerStore.create();
    }

    protected void release(LedgerStore store) {}

    protected int examples() {
        return 150;
    }

    @Test
    void webhooksInAnyOrderAndAnyNumberCreditAndRefundEachPaymentOnce() {
        qt().withExamples(examples())
                .forAll(
                        lists().of(integers()
                                        .between(0, 2)
                                        .zip(
                                                integers().between(0, 3),
                                                integers().between(0, 5),
                                                integers().between(0, 120),
                                                (pkg, flow, refund, spend) ->
                                                        new Story(pkg, flow > 0, flow != 3, refund, spend)))
                                .ofSizeBetween(1, 6),
                        integers().between(0, FakePaymentGateway.Delivery.values().length - 1),
                        integers().between(0, DebtPolicy.values().length - 1),
                        integers().all())
                .checkAssert((stories, delivery, policy, seed) -> {
                    LedgerStore store = newStore();
                    try {
                        run(
                                stories,
                                FakePaymentGateway.Delivery.values()[delivery],
                                DebtPolicy.values()[policy],
                                new Random(seed),
                                store);
                    } finally {
                        release(store);
                    }
                });
    }

    private static void run(
            List<Story> stories,
            FakePaymentGateway.Delivery delivery,
            DebtPolicy policy,
            Random random,
            LedgerStore store) {
        RechargeFixture f = new RechargeFixture(policy, store);
        UserId ana = f.member("ana", false);
        UserId cleo = f.member("cleo", true);
        List<String> payments = new ArrayList<>();
        Set<String> captured = new HashSet<>();
        Map<String, Long> refundsAsked = new HashMap<>();
        int n = 0;
        // The charges: straight through, or pending and settled later by webhook.
        for (Story s : stories) {
            f.clock.advance(java.time.Duration.ofMillis(1));
            f.gateway.then(s.pending() ? PaymentResult.Status.PENDING : PaymentResult.Status.SUCCEEDED);
            RechargeReceipt r = f.recharges.charge(f.web(ana, PACKAGES[s.pkg()]), IdempotencyKey.of("c" + n++));
            payments.add(r.purchase());
            if (!s.pending()) {
                captured.add(r.purchase());
            } else {
                f.gateway.settle(r.purchase(), s.captured());
                if (s.captured()) {
                    captured.add(r.purchase());
                }
            }
        }
        // The buyer spends what is already in the wallet; the provider then refunds some captured payments.
        for (int i = 0; i < stories.size(); i++) {
            Story s = stories.get(i);
            if (s.spend() > 0) {
                try {
                    f.gifting.send(new GiftRequest(
                            IdempotencyKey.of("g" + n++),
                            ana,
                            cleo,
                            GiftId.of("rose"),
                            s.spend(),
                            GiftContext.LIVE,
                            "live"));
                } catch (InsufficientCoinsException | WalletFrozenException e) {
                    // nothing credited yet, or not enough
                }
            }
            String payment = payments.get(i);
            if (captured.contains(payment) && s.refund() > 0) {
                String id = "re-" + i;
                Long coins = s.refund() % 2 == 0 ? null : Long.valueOf(s.refund() * 10L);
                f.gateway.refund(payment, id, coins, s.refund() % 3 == 0);
                refundsAsked.put(id, coins == null ? -1 : coins);
            }
        }
        List<FakePaymentGateway.Webhook> sent = f.gateway.undelivered();

        List<Map.Entry<FakePaymentGateway.Webhook, Object>> log = f.gateway.deliver(f.recharges, delivery, random);

        assertThat(log.size()).isGreaterThanOrEqualTo(sent.size());
        Map<String, Integer> credits = new HashMap<>();
        Map<String, Integer> refunds = new HashMap<>();
        for (Object e : f.events) {
            if (e instanceof CoinsCredited) {
                credits.merge(((CoinsCredited) e).receipt().purchase(), 1, Integer::sum);
            } else if (e instanceof RefundApplied) {
                refunds.merge(((RefundApplied) e).result().refundId(), 1, Integer::sum);
            }
        }
        for (String p : payments) {
            assertThat(credits.getOrDefault(p, 0)).as("credits of %s", p).isEqualTo(captured.contains(p) ? 1 : 0);
            assertThat(f.recharges.lot(p).isPresent()).isEqualTo(captured.contains(p));
        }
        for (Map.Entry<String, Long> asked : refundsAsked.entrySet()) {
            // One refund per captured payment, never more coins than it bought: each is applied exactly once, however
            // early or often its webhook came.
            assertThat(refunds.getOrDefault(asked.getKey(), 0))
                    .as("refund %s applied", asked.getKey())
                    .isEqualTo(1);
        }
        assertThat(refunds.keySet()).isSubsetOf(refundsAsked.keySet());
        LedgerInvariants.check(f.store, Set.of(AccountId.userCoins(ana)));
        LedgerInvariants.checkLots(f.store);

        // Much later the provider delivers everything again, twice: nothing changes.
        LedgerSnapshot before = f.store.snapshot();
        int eventsBefore = f.events.size();
        for (FakePaymentGateway.Webhook w : sent) {
            if (w.event() == FakePaymentGateway.Event.SUCCEEDED || w.event() == FakePaymentGateway.Event.FAILED) {
                f.gateway.settle(w.payment(), w.event() == FakePaymentGateway.Event.SUCCEEDED);
            } else {
                f.gateway.refund(
                        w.payment(), w.refundId(), w.coins(), w.event() == FakePaymentGateway.Event.CHARGED_BACK);
            }
        }
        f.gateway.deliver(f.recharges, FakePaymentGateway.Delivery.TWICE, random);
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(f.events).hasSize(eventsBefore);
    }
}
