package dev.coinage.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coinage.catalog.ChannelId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CashOuts;
import dev.coinage.earnings.Payout;
import dev.coinage.earnings.PayoutStatus;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.recharge.BalanceImport;
import dev.coinage.recharge.Recharges;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.javamoney.moneta.Money;

/**
 * The work of the crash loop, run in a child JVM that the test kills with SIGKILL: a fixed script of app-store
 * purchases, gifts, partial refunds, hold releases and cash-outs (request, submit, paid), each step at its own instant
 * of a clock an hour apart, each keyed by its step. The script is run from its first step every time: steps that were
 * applied before replay, the step cut by the kill is retried with its keys, and the rest run for the first time, so
 * a run after any number of kills must end in the very ledger of a run without kills.
 *
 * <p>Arguments: the JDBC URL of the database, the number of steps.
 */
public final class CrashLoopChild {
    static final UserId[] VIEWERS = {UserId.of("v0"), UserId.of("v1"), UserId.of("v2"), UserId.of("v3")};
    static final UserId[] CREATORS = {UserId.of("c0"), UserId.of("c1")};
    static final ChannelId APPLE = ChannelId.of("apple");

    private CrashLoopChild() {}

    public static void main(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(2);
        int steps = Integer.parseInt(args[1]);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            run(PostgresLedgerStore.create(ds), steps);
        }
        System.out.println("crash-loop child done");
        System.exit(0);
    }

    static void run(dev.coinage.spi.LedgerStore store, int steps) {
        AtomicReference<Instant> now = new AtomicReference<>(ExampleEconomy.NOW);
        TestEconomy e = new TestEconomy(store, AbusePolicy.none(), now);
        for (int i = 0; i < steps; i++) {
            now.set(ExampleEconomy.NOW.plus(Duration.ofHours(i)));
            System.out.println("step " + i); // the parent picks its moment to kill by these
            System.out.flush();
            step(e, i);
        }
    }

    static void step(TestEconomy e, int i) {
        UserId viewer = VIEWERS[i % VIEWERS.length];
        UserId creator = CREATORS[(i / VIEWERS.length) % CREATORS.length];
        if (i == 0) {
            for (UserId v : VIEWERS) {
                e.coinage
                        .recharges()
                        .importBalance(new BalanceImport(v, "open-" + v, 60_000, 0, Money.of(999.99, "USD")));
            }
        }
        if (i >= 24 && (i % 24 == 2 || i % 24 == 3)) {
            // The big gifts of the day, to c0, whose earnings the cash-outs take from a week later.
            e.gift("lion-" + i, VIEWERS[(i / 24 + 2 * (i % 24 - 2)) % VIEWERS.length], CREATORS[0], "lion", 1);
        }
        switch (i % 10) {
            case 0, 1 ->
                e.coinage
                        .recharges()
                        .importBalance(new BalanceImport(viewer, "rcpt-" + i, 60_000, 6_070, Money.of(999.99, "USD")));
            case 2, 3, 4, 6 -> e.gift("g-" + i, viewer, creator, "rose", 1 + i % 40);
            case 5 ->
                e.coinage
                        .gifts()
                        .sendAll(List.of(
                                TestEconomy.request("b-" + i + "-a", viewer, creator, "doughnut", 2),
                                TestEconomy.request("b-" + i + "-b", viewer, CREATORS[0], "rose", 3)));
            case 7 ->
                e.coinage
                        .recharges()
                        .refund(RefundRequest.partial(
                                "refund-" + i,
                                Recharges.importPurchase("rcpt-" + (i - 7)),
                                250,
                                i % 20 == 7 ? RefundKind.CHARGEBACK : RefundKind.REFUND));
            case 8 -> e.coinage.holds().releaseDueHolds();
            default -> {
                if (i % 20 == 9 && i >= 200) {
                    // Keyed by the step: a retry finds its payout and takes it on from where the kill left it.
                    IdempotencyKey key = IdempotencyKey.of("co-" + i);
                    Payout p = e.coinage
                            .cashOuts()
                            .payout(CashOuts.payoutId(CREATORS[0], key))
                            .orElseGet(() -> e.coinage
                                    .cashOuts()
                                    .request(e.coinage.cashOuts().quote(CREATORS[0], 10_000), key));
                    if (p.status() == PayoutStatus.APPROVED) {
                        p = e.coinage.cashOuts().submit(p.id());
                    }
                    if (p.status() == PayoutStatus.SUBMITTED) {
                        e.coinage.cashOuts().paid(p.id());
                    }
                }
            }
        }
    }
}
