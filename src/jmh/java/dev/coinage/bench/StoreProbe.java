package dev.coinage.bench;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.store.TestFunds;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * A retained-size and allocation probe for the in-memory store alone, in one thread: bytes allocated per transaction
 * while building the request and applying it, and bytes still reachable per transaction after a full collection, for
 * a two-posting transfer ({@link LedgerTransferBenchmark}) and for the six-posting transaction a gift writes
 * ({@link SendGiftBenchmark#giftTransactionOnly}). Not a timing.
 *
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.coinage.bench.StoreProbe
 * -Dbench.args="[transactions] [transfer|gift]"}.
 */
public final class StoreProbe {
    private static final UserId VIEWER = UserId.of("viewer");
    private static final AccountId WALLET = AccountId.userCoins(VIEWER);
    private static final AccountId OTHER = AccountId.userCoins(UserId.of("other"));
    private static final AccountId HOLD = AccountId.creatorHold(UserId.of("creator"), "2025-11-25T09");
    private static final AccountId LOT =
            AccountId.member(AccountType.LOT_PAID, VIEWER, String.format(Locale.ROOT, "%013d.%024x", 1L, 1L));
    private static final AccountId LINK = AccountId.member(
            AccountType.LOT_GIFTED, UserId.of("creator"), String.format(Locale.ROOT, "%024x", 1L) + ".2025-11-25T09");

    private StoreProbe() {}

    /**
     * Runs the probe.
     *
     * @param args optional: the number of transactions (default 1,000,000) and {@code transfer} or {@code gift}
     * @throws Exception if the thread's allocation counter cannot be read
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean gift = args.length < 2 || args[1].equals("gift");
        // Warm up on a store that is then dropped.
        run(fresh(), 50_000, gift);
        InMemoryLedgerStore store = fresh();
        Object threads = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean")
                .invoke(null);
        Method allocatedBytes =
                Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        long id = Thread.currentThread().getId();
        long before = used();
        long allocated = (Long) allocatedBytes.invoke(threads, id);
        run(store, count, gift);
        long allocatedPer = ((Long) allocatedBytes.invoke(threads, id) - allocated) / count;
        long retainedPer = (used() - before) / count;
        System.out.println(String.format(
                Locale.ROOT,
                "{\"name\":\"StoreProbe.%s\",\"transactions\":%d,\"allocated_bytes_per_transaction\":%d,"
                        + "\"retained_bytes_per_transaction\":%d}",
                gift ? "giftTransaction" : "transfer",
                count,
                allocatedPer,
                retainedPer));
        System.out.println(store.balance(WALLET)); // keeps the store reachable to here
    }

    private static InMemoryLedgerStore fresh() {
        InMemoryLedgerStore store = InMemoryLedgerStore.create();
        store.open(OTHER);
        store.open(HOLD);
        store.open(LINK);
        TestFunds.fund(store, VIEWER, Long.MAX_VALUE / 2, 1);
        return store;
    }

    private static void run(InMemoryLedgerStore store, int count, boolean gift) {
        for (int i = 0; i < count; i++) {
            TransactionRequest.Builder b = TransactionRequest.builder(
                            IdempotencyKey.of("t" + i), gift ? "gift" : "transfer")
                    .debit(WALLET, 1);
            if (gift) {
                b.credit(AccountId.system(AccountType.COINS_CONSUMED), 1)
                        .debit(AccountId.system(AccountType.PARTS_ISSUED), 1)
                        .credit(HOLD, 1)
                        .debit(LOT, 1)
                        .credit(LINK, 1);
            } else {
                b.credit(OTHER, 1);
            }
            store.apply(b.build());
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
