package dev.coinage.bench;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One coin transfer between two wallets through the in-memory store (request built and validated, key claimed,
 * accounts locked, balance guarded, entries appended), against a bare baseline doing the least a correct transfer
 * must: an idempotency-key check and two {@code long} balances updated in a {@code HashMap}. Both build the same key
 * string per operation. Every store keeps all keys and entries, so each iteration starts from a fresh one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Thread)
public class LedgerTransferBenchmark {
    private static final AccountId ANA = AccountId.userCoins(UserId.of("ana"));
    private static final AccountId BO = AccountId.userCoins(UserId.of("bo"));

    private InMemoryLedgerStore store;
    private Map<String, Long> balances;
    private Set<String> keys;
    private long n;

    @Setup(Level.Iteration)
    public void setUp() {
        store = InMemoryLedgerStore.create();
        store.open(ANA);
        store.open(BO);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("seed"), "recharge")
                .debit(AccountId.system(AccountType.COINS_ISSUED_PAID), Long.MAX_VALUE / 2)
                .credit(ANA, Long.MAX_VALUE / 2)
                .build());
        balances = new HashMap<>();
        balances.put("ana", Long.MAX_VALUE / 2);
        balances.put("bo", 0L);
        keys = new HashSet<>();
        n = 0;
    }

    @Benchmark
    public AppliedTransaction transferThroughStore() {
        return store.apply(TransactionRequest.builder(IdempotencyKey.of("t" + n++), "transfer")
                .debit(ANA, 1)
                .credit(BO, 1)
                .build());
    }

    @Benchmark
    public long bareHashMapBaseline() {
        String key = "t" + n++;
        if (!keys.add(key)) {
            throw new IllegalStateException("duplicate " + key);
        }
        long from = balances.get("ana");
        if (from < 1) {
            throw new IllegalStateException("insufficient");
        }
        balances.put("ana", from - 1);
        long to = balances.get("bo") + 1;
        balances.put("bo", to);
        return to;
    }
}
