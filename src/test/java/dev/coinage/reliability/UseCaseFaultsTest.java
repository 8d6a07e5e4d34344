package dev.coinage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOutQuote;
import dev.coinage.earnings.Payout;
import dev.coinage.earnings.PayoutStatus;
import dev.coinage.ledger.AccountId;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection at every write point of every operation: for each operation and each of its writes, the write fails
 * before it is made, or is made and its reply lost; the caller retries the operation with the same key (or the same
 * payout id, or runs the same job again), and the ledger must end exactly as if no fault had happened: every balance
 * equal to a run without faults, and the invariants holding. The number of faults is printed, for the evidence table
 * of docs/reliability.md.
 */
class UseCaseFaultsTest {
    static final UserId VIEWER = UserId.of("viewer");
    static final UserId ANA = UserId.of("ana");
    static final AbusePolicy ABUSE =
            AbusePolicy.none().withGiftVelocity(1000, 1000).withCircularFlowFlag(1_000_000, true);
    static final AtomicInteger FAULTS = new AtomicInteger();

    /** A fresh store for one run; subclasses test other stores. */
    LedgerStore newStore() {
        return InMemoryLedgerStore.create();
    }

    void close(LedgerStore store) {}

    /** Whether this run tries the operation; every one here. */
    boolean tries(Operation op) {
        return true;
    }

    /** An operation under test: a setup made without faults, then the operation, retried with the same keys. */
    enum Operation {
        RECHARGE_CHARGE {
            @Override
            Object setup(TestEconomy e) {
                return quote(e, "web-7000");
            }

            @Override
            void run(TestEconomy e, Object quote) {
                e.coinage.recharges().charge((RechargeQuote) quote, IdempotencyKey.of("order-1"));
            }
        },
        RECHARGE_CONFIRM {
            @Override
            Object setup(TestEconomy e) {
                e.payments.then(PaymentResult.Status.PENDING);
                e.coinage.recharges().charge(quote(e, "web-7000"), IdempotencyKey.of("order-1"));
                return "pay_1";
            }

            @Override
            void run(TestEconomy e, Object payment) {
                e.coinage.recharges().confirm((String) payment, e.payments.amountOf((String) payment));
            }
        },
        RECHARGE_REFUND {
            @Override
            Object setup(TestEconomy e) {
                String purchase = e.buy(VIEWER, "web-1400", "order-1").purchase();
                e.gift("g0", VIEWER, ANA, "galaxy", 1);
                return purchase;
            }

            @Override
            void run(TestEconomy e, Object purchase) {
                e.coinage.recharges().refund(RefundRequest.full("refund-1", (String) purchase, RefundKind.CHARGEBACK));
            }
        },
        GIFT_SEND {
            @Override
            Object setup(TestEconomy e) {
                e.buy(VIEWER, "web-700", "order-1");
                e.gift("g0", VIEWER, ANA, "rose", 1);
                return null;
            }

            @Override
            void run(TestEconomy e, Object unused) {
                e.gift("g1", VIEWER, ANA, "doughnut", 3);
            }
        },
        GIFT_SEND_ALL {
            @Override
            Object setup(TestEconomy e) {
                e.buy(VIEWER, "web-700", "order-1");
                e.buy(VIEWER, "web-350", "order-2");
                return null;
            }

            @Override
            void run(TestEconomy e, Object unused) {
                e.coinage
                        .gifts()
                        .sendAll(List.of(
                                TestEconomy.request("b1", VIEWER, ANA, "rose", 7),
                                TestEconomy.request("b2", VIEWER, UserId.of("ben"), "rose", 1),
                                TestEconomy.request("b3", VIEWER, ANA, "doughnut", 2)));
            }
        },
        HOLD_RELEASE {
            @Override
            Object setup(TestEconomy e) {
                e.buy(VIEWER, "web-7000", "order-1");
                e.gift("g1", VIEWER, ANA, "rose", 3);
                e.gift("g2", VIEWER, UserId.of("ben"), "galaxy", 1);
                e.advance(Duration.ofDays(8));
                return null;
            }

            @Override
            void run(TestEconomy e, Object unused) {
                e.coinage.holds().releaseDueHolds();
            }
        },
        CASHOUT_REQUEST {
            @Override
            Object setup(TestEconomy e) {
                return earn(e);
            }

            @Override
            void run(TestEconomy e, Object quote) {
                e.coinage.cashOuts().request((CashOutQuote) quote, IdempotencyKey.of("co-1"));
            }
        },
        CASHOUT_SUBMIT {
            @Override
            Object setup(TestEconomy e) {
                Payout p = e.coinage.cashOuts().request(earn(e), IdempotencyKey.of("co-1"));
                assertThat(p.status()).isEqualTo(PayoutStatus.APPROVED);
                return p.id();
            }

            @Override
            void run(TestEconomy e, Object id) {
                e.coinage.cashOuts().submit((String) id);
            }
        },
        CASHOUT_PAID {
            @Override
            Object setup(TestEconomy e) {
                Payout p = e.coinage.cashOuts().request(earn(e), IdempotencyKey.of("co-1"));
                e.coinage.cashOuts().submit(p.id());
                return p.id();
            }

            @Override
            void run(TestEconomy e, Object id) {
                e.coinage.cashOuts().paid((String) id);
            }
        };

        abstract Object setup(TestEconomy e);

        abstract void run(TestEconomy e, Object context);

        static RechargeQuote quote(TestEconomy e, String pkg) {
            return e.coinage
                    .quotes()
                    .quotePackage(
                            VIEWER,
                            dev.coinage.catalog.ChannelId.of("web"),
                            dev.coinage.catalog.PackageId.of(pkg),
                            TestEconomy.USD,
                            TestEconomy.US);
        }

        /** Ana earns 14,999 diamonds, released; returns a quote of 10,000 of them. */
        static CashOutQuote earn(TestEconomy e) {
            for (int i = 0; i < 5; i++) {
                e.buy(VIEWER, "web-7000", "order-" + i);
            }
            e.gift("lion", VIEWER, ANA, "lion", 1);
            e.advance(Duration.ofDays(8));
            e.coinage.holds().releaseDueHolds();
            return e.coinage.cashOuts().quote(ANA, 10_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void everyWriteOfTheOperationFailedBeforeOrAfterItsCommitAndRetriedEndsExactlyAsWithoutFaults(Operation op) {
        Assumptions.assumeTrue(tries(op), "run with -Dcoinage.soak=true");
        Map<AccountId, Long> expected = reference(op);
        for (FaultyStore.Mode mode : FaultyStore.Mode.values()) {
            int faults = 0;
            for (int n = 1; ; n++) {
                LedgerStore real = newStore();
                try {
                    FaultyStore store = new FaultyStore(real);
                    TestEconomy e = new TestEconomy(store, ABUSE);
                    Object context = op.setup(e);
                    store.arm(n, mode);
                    try {
                        op.run(e, context);
                    } catch (FaultyStore.InjectedFault expectedFault) {
                        // the caller saw a failure: it retries with the same keys
                    }
                    store.disarm();
                    if (!store.fired()) {
                        break; // the operation made fewer than n writes: every write point was tried
                    }
                    faults++;
                    op.run(e, context); // the retry
                    op.run(e, context); // and a duplicate delivery of it
                    assertThat(balances(real))
                            .as("%s after write %d failed %s", op, n, mode)
                            .isEqualTo(expected);
                    LedgerInvariants.check(real, debtors());
                } finally {
                    close(real);
                }
                if (n > 200) {
                    fail("%s made more than 200 writes", op);
                }
            }
            assertThat(faults).as("%s write points (%s)", op, mode).isPositive();
            FAULTS.addAndGet(faults);
        }
    }

    private Map<AccountId, Long> reference(Operation op) {
        LedgerStore real = newStore();
        try {
            TestEconomy e = new TestEconomy(real, ABUSE);
            Object context = op.setup(e);
            op.run(e, context);
            return balances(real);
        } finally {
            close(real);
        }
    }

    static Set<AccountId> debtors() {
        return Set.of(AccountId.userCoins(VIEWER));
    }

    static Map<AccountId, Long> balances(LedgerStore store) {
        return new TreeMap<>(store.snapshot().balances());
    }

    @AfterAll
    static void report() {
        System.out.println("use-case faults injected and recovered: " + FAULTS.get());
    }
}
