package dev.coinage.recharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.AppStoreReceipt;
import dev.coinage.DebtPolicy;
import dev.coinage.GiftRequest;
import dev.coinage.IdempotencyConflictException;
import dev.coinage.IdempotencyKey;
import dev.coinage.InsufficientCoinsException;
import dev.coinage.LimitExceededException;
import dev.coinage.PaymentDeclinedException;
import dev.coinage.PaymentFailedException;
import dev.coinage.PaymentMismatchException;
import dev.coinage.RechargeReceipt;
import dev.coinage.Recharges;
import dev.coinage.RefundExceedsPurchaseException;
import dev.coinage.RefundKind;
import dev.coinage.RefundRequest;
import dev.coinage.RefundResult;
import dev.coinage.UnknownPurchaseException;
import dev.coinage.UserId;
import dev.coinage.WalletFrozenException;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.event.CoinsCredited;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.PaymentResult;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Generated interleavings of charges (succeeding, pending, failing, retried), confirmations (duplicate, late, with a
 * wrong amount, for unknown payments), declines, app-store receipts (replayed, shared), refunds and chargebacks (full,
 * partial, repeated, too large) and gifts, under each debt policy. After every step the store must agree with a plain
 * model and keep the ledger invariants: each purchase credited exactly once, each refund resolved at most once.
 */
class RechargeProperties {
    private static final String[] PACKAGES = {"web-70", "web-700", "web-17500"};
    private static final int USERS = 3;

    enum Kind {
        CHARGE,
        CONFIRM,
        DECLINE,
        RECEIPT,
        REFUND,
        REPEAT_REFUND,
        SPEND,
        CONFIRM_UNKNOWN
    }

    record Op(Kind kind, int a, int b, int c) {}

    /** A fresh store for one generated case; the in-memory store unless a subclass runs another. */
    protected LedgerStore newStore() {
        return InMemoryLedgerStore.create();
    }

    /** Releases what {@link #newStore} acquired. */
    protected void release(LedgerStore store) {}

    /** How many generated cases to run. */
    protected int examples() {
        return 300;
    }

    @Test
    void everyInterleavingCreditsEachPurchaseOnceAndResolvesEachRefundAtMostOnce() {
        Gen<Op> ops = integers()
                .between(0, Kind.values().length - 1)
                .zip(
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        integers().between(0, 1000),
                        (k, a, b, c) -> new Op(Kind.values()[k], a, b, c));
        qt().withExamples(examples())
                .forAll(
                        integers().between(0, DebtPolicy.values().length - 1),
                        lists().of(ops).ofSizeBetween(1, 40))
                .checkAssert((policy, sequence) -> {
                    LedgerStore store = newStore();
                    try {
                        new Run(DebtPolicy.values()[policy], store).run(sequence);
                    } finally {
                        release(store);
                    }
                });
    }

    private static final class Payment {
        final String ref;
        final UserId user;
        final long paid;
        final long total;
        String state; // PENDING, CREDITED, DECLINED

        Payment(String ref, UserId user, long paid, long total, String state) {
            this.ref = ref;
            this.user = user;
            this.paid = paid;
            this.total = total;
            this.state = state;
        }
    }

    private static final class Run {
        final DebtPolicy policy;
        final RechargeFixture f;
        final List<UserId> users = new ArrayList<>();
        final UserId creator;
        final Map<String, Payment> payments = new LinkedHashMap<>();
        final List<Payment> credited = new ArrayList<>();
        final Map<String, Long> refunded = new HashMap<>();
        final Map<UserId, Long> wallet = new HashMap<>();
        final Map<UserId, Long> writtenOff = new HashMap<>();
        final Map<UserId, Long> spent = new HashMap<>();
        final Set<UserId> frozen = new HashSet<>();
        final Set<AccountId> inDebt = new HashSet<>();
        final Map<String, UserId> receipts = new HashMap<>();
        RefundRequest lastRefund;
        RefundResult lastResult;
        int keys;

        Run(DebtPolicy policy, LedgerStore store) {
            this.policy = policy;
            this.f = new RechargeFixture(policy, store);
            for (int i = 0; i < USERS; i++) {
                users.add(f.member("viewer-" + i, false));
            }
            creator = f.member("creator", true);
        }

        void run(List<Op> ops) {
            for (Op op : ops) {
                step(op);
                check();
            }
        }

        void step(Op op) {
            UserId user = users.get(op.a % USERS);
            switch (op.kind) {
                case CHARGE:
                    charge(user, PACKAGES[op.b % PACKAGES.length], op.c % 3, op.c % 2 == 0);
                    break;
                case CONFIRM:
                    confirm(op);
                    break;
                case DECLINE:
                    decline(op);
                    break;
                case RECEIPT:
                    receipt(user, "orig-" + op.b % 4);
                    break;
                case REFUND:
                    refund(op);
                    break;
                case REPEAT_REFUND:
                    if (lastRefund != null) {
                        LedgerSnapshot before = f.store.snapshot();
                        RefundResult again = f.recharges.refund(lastRefund);
                        assertThat(again.replay()).isTrue();
                        assertThat(again.coins()).isEqualTo(lastResult.coins());
                        assertThat(again.debt()).isEqualTo(lastResult.debt());
                        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
                    }
                    break;
                case SPEND:
                    spend(user, op.b % 800 + 1);
                    break;
                case CONFIRM_UNKNOWN:
                    assertThatThrownBy(() -> f.recharges.confirm("nobody-" + op.a, usd("1.00")))
                            .isInstanceOf(UnknownPurchaseException.class);
                    break;
                default:
                    throw new AssertionError(op.kind);
            }
        }

        void charge(UserId user, String pkg, int outcome, boolean retry) {
            PaymentResult.Status status = PaymentResult.Status.values()[outcome];
            f.gateway.then(status);
            IdempotencyKey key = IdempotencyKey.of("k" + keys++);
            var quote = f.web(user, pkg);
            long total = quote.totalCoins();
            if (status == PaymentResult.Status.FAILED) {
                assertThatThrownBy(() -> f.recharges.charge(quote, key)).isInstanceOf(PaymentFailedException.class);
                return;
            }
            RechargeReceipt r = f.recharges.charge(quote, key);
            Payment p = new Payment(r.purchase(), user, quote.paidCoins(), total, "PENDING");
            payments.put(p.ref, p);
            if (status == PaymentResult.Status.SUCCEEDED) {
                assertThat(r.status()).isEqualTo(RechargeReceipt.Status.CREDITED);
                credit(p);
            } else {
                assertThat(r.status()).isEqualTo(RechargeReceipt.Status.PENDING);
            }
            if (retry) {
                RechargeReceipt again = f.recharges.charge(quote, key);
                assertThat(again.purchase()).isEqualTo(p.ref);
                assertThat(again.replay()).isTrue();
            }
        }

        void credit(Payment p) {
            p.state = "CREDITED";
            credited.add(p);
            wallet.merge(p.user, p.total, Long::sum);
        }

        Payment pick(int i) {
            if (payments.isEmpty()) {
                return null;
            }
            return new ArrayList<>(payments.values()).get(i % payments.size());
        }

        void confirm(Op op) {
            Payment p = pick(op.b);
            if (p == null || p.ref.contains(":")) {
                return;
            }
            if (op.c % 5 == 0) {
                LedgerSnapshot before = f.store.snapshot();
                assertThatThrownBy(() -> f.recharges.confirm(
                                p.ref, f.gateway.amountOf(p.ref).add(usd("0.01"))))
                        .isInstanceOf(PaymentMismatchException.class);
                assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
                return;
            }
            switch (p.state) {
                case "DECLINED":
                    assertThatThrownBy(() -> f.recharges.confirm(p.ref, f.gateway.amountOf(p.ref)))
                            .isInstanceOf(PaymentDeclinedException.class);
                    break;
                case "CREDITED":
                    assertThat(f.recharges
                                    .confirm(p.ref, f.gateway.amountOf(p.ref))
                                    .replay())
                            .isTrue();
                    break;
                default:
                    assertThat(f.recharges
                                    .confirm(p.ref, f.gateway.amountOf(p.ref))
                                    .replay())
                            .isFalse();
                    credit(p);
            }
        }

        void decline(Op op) {
            Payment p = pick(op.b);
            if (p == null || p.ref.contains(":")) {
                return;
            }
            boolean declined = f.recharges.decline(p.ref);
            assertThat(declined).isEqualTo(!p.state.equals("CREDITED"));
            if (p.state.equals("PENDING")) {
                p.state = "DECLINED";
            }
        }

        void receipt(UserId user, String original) {
            AppStoreReceipt receipt =
                    new AppStoreReceipt(user, ChannelId.APPLE_APP_STORE, original, 65, 0, usd("0.99"));
            UserId first = receipts.get(original);
            if (first == null) {
                RechargeReceipt r = f.recharges.creditReceipt(receipt);
                assertThat(r.replay()).isFalse();
                receipts.put(original, user);
                Payment p = new Payment(r.purchase(), user, 65, 65, "PENDING");
                payments.put(p.ref, p);
                credit(p);
            } else if (first.equals(user)) {
                assertThat(f.recharges.creditReceipt(receipt).replay()).isTrue();
            } else {
                assertThatThrownBy(() -> f.recharges.creditReceipt(receipt))
                        .isInstanceOf(IdempotencyConflictException.class);
            }
        }

        void refund(Op op) {
            if (credited.isEmpty()) {
                return;
            }
            Payment p = credited.get(op.a % credited.size());
            long refundable = p.total - refunded.getOrDefault(p.ref, 0L);
            RefundKind kind = op.c % 2 == 0 ? RefundKind.REFUND : RefundKind.CHARGEBACK;
            String id = "re-" + keys++;
            RefundRequest request = op.b % 3 == 0
                    ? RefundRequest.full(id, p.ref, kind)
                    : RefundRequest.partial(id, p.ref, op.b % (p.total + 10) + 1, kind);
            long coins = request.coins().orElse(refundable);
            if (coins > refundable || coins == 0) {
                LedgerSnapshot before = f.store.snapshot();
                assertThatThrownBy(() -> f.recharges.refund(request))
                        .isInstanceOf(RefundExceedsPurchaseException.class);
                assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
                return;
            }
            RefundResult r = f.recharges.refund(request);
            long w = wallet.getOrDefault(p.user, 0L);
            long clawed = Math.min(coins, Math.max(0, w));
            long shortfall = coins - clawed;
            boolean debt = shortfall > 0 && policy != DebtPolicy.FREEZE;
            boolean freeze = shortfall > 0 && policy != DebtPolicy.ALLOW_DEBT;
            assertThat(r.replay()).isFalse();
            assertThat(r.coins()).isEqualTo(coins);
            assertThat(r.clawedBack()).isEqualTo(clawed);
            assertThat(r.debt()).isEqualTo(debt ? shortfall : 0);
            assertThat(r.writtenOff()).isEqualTo(debt ? 0 : shortfall);
            assertThat(r.frozen()).isEqualTo(freeze);
            wallet.put(p.user, w - clawed - (debt ? shortfall : 0));
            if (!debt) {
                writtenOff.merge(p.user, shortfall, Long::sum);
            } else {
                inDebt.add(AccountId.userCoins(p.user));
            }
            if (freeze) {
                frozen.add(p.user);
            }
            refunded.merge(p.ref, coins, Long::sum);
            lastRefund = request;
            lastResult = r;
        }

        void spend(UserId user, long roses) {
            GiftRequest g = new GiftRequest(
                    IdempotencyKey.of("g" + keys++), user, creator, GiftId.of("rose"), roses, GiftContext.LIVE, "l");
            long w = wallet.getOrDefault(user, 0L);
            try {
                f.gifting.send(g);
            } catch (WalletFrozenException e) {
                assertThat(frozen).contains(user);
                return;
            } catch (InsufficientCoinsException e) {
                assertThat(w).isLessThan(roses);
                return;
            } catch (LimitExceededException e) {
                return;
            }
            assertThat(frozen).doesNotContain(user);
            wallet.put(user, w - roses);
            spent.merge(user, roses, Long::sum);
        }

        void check() {
            LedgerInvariants.check(f.store, inDebt);
            Map<UserId, Long> lots = new HashMap<>();
            for (Payment p : credited) {
                long left = p.total - refunded.getOrDefault(p.ref, 0L);
                assertThat(f.recharges.lot(p.ref).orElseThrow().refundable())
                        .as("lot of %s", p.ref)
                        .isEqualTo(left);
                lots.merge(p.user, left, Long::sum);
            }
            for (UserId u : users) {
                long w = wallet.getOrDefault(u, 0L);
                assertThat(f.coins(u)).as("wallet of %s", u).isEqualTo(w);
                // What is in the wallet is what its lots still hold, less what was spent, plus what was written off.
                assertThat(w)
                        .as("wallet of %s against its lots", u)
                        .isEqualTo(
                                lots.getOrDefault(u, 0L) - spent.getOrDefault(u, 0L) + writtenOff.getOrDefault(u, 0L));
                assertThat(f.recharges.isFrozen(u)).isEqualTo(frozen.contains(u));
            }
            Map<String, Long> credits = new HashMap<>();
            for (Object e : f.events) {
                if (e instanceof CoinsCredited) {
                    credits.merge(((CoinsCredited) e).receipt().purchase(), 1L, Long::sum);
                }
            }
            for (Payment p : payments.values()) {
                assertThat(credits.getOrDefault(p.ref, 0L))
                        .as("credits of %s", p.ref)
                        .isEqualTo(p.state.equals("CREDITED") ? 1 : 0);
                assertThat(f.recharges.lot(p.ref).isPresent()).isEqualTo(p.state.equals("CREDITED"));
            }
            assertThat(Recharges.isFrozen(f.store, creator)).isFalse();
        }
    }

    private static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), RechargeFixture.USD);
    }
}
