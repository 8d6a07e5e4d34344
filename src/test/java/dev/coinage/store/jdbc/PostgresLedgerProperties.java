package dev.coinage.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Generated sequences of recharges, gifts, refunds into debt, hold releases, cash-outs, batches, retries and reused
 * keys, applied to the PostgreSQL store and to a plain map. After every step the store agrees with the map and every
 * ledger invariant holds.
 */
class PostgresLedgerProperties {
    private static final int USERS = 3;
    private static final String[] OPS = {
        "recharge", "gift", "gift", "refund", "release", "cash-out", "batch", "retry", "reuse"
    };

    private static EmbeddedPostgresSupport.TestDatabase database;
    private static PostgresLedgerStore store;
    private static final List<UserId> USER_IDS = new ArrayList<>();

    /** One generated step. */
    record Op(String name, int a, int b, int amount) {}

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedPostgresSupport.newDatabase(4);
        store = PostgresLedgerStore.create(database.dataSource());
        for (int u = 0; u < USERS; u++) {
            UserId user = UserId.of("user-" + u);
            Requests.openMember(store, user);
            USER_IDS.add(user);
        }
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static Gen<Op> ops() {
        return integers()
                .between(0, OPS.length - 1)
                .zip(
                        integers().between(0, USERS - 1),
                        integers().between(0, USERS - 1),
                        integers().between(1, 300),
                        (op, a, b, amount) -> new Op(OPS[op], a, b, amount));
    }

    @Test
    void theStoreAgreesWithASimpleModelAndKeepsEveryInvariantAfterEveryStep() {
        qt().withExamples(25)
                .withShrinkCycles(50)
                .forAll(lists().of(ops()).ofSizeBetween(1, 20))
                .checkAssert(PostgresLedgerProperties::run);
    }

    private static void run(List<Op> ops) {
        EmbeddedPostgresSupport.execute(
                database.dataSource(),
                "TRUNCATE coinage_entry, coinage_transaction, coinage_outbox; "
                        + "DELETE FROM coinage_balance_shard WHERE shard > 0; "
                        + "UPDATE coinage_balance_shard SET balance = 0");
        Model model = new Model();
        for (int step = 0; step < ops.size(); step++) {
            model.step(step, ops.get(step));
            for (Map.Entry<AccountId, Long> e : model.balances.entrySet()) {
                assertThat(store.balance(e.getKey()))
                        .as("balance of %s after step %d %s", e.getKey(), step, ops.get(step))
                        .isEqualTo(e.getValue());
            }
            LedgerInvariants.check(store, model.inDebt);
        }
        assertThat(store.poll(1000)).hasSize(model.applied.size());
    }

    /** What the ledger should hold, kept without any store. */
    private static final class Model {
        final Map<AccountId, Long> balances = new HashMap<>();
        final Set<AccountId> inDebt = new HashSet<>();
        final List<AppliedTransaction> applied = new ArrayList<>();
        final List<TransactionRequest> requests = new ArrayList<>();

        long balance(AccountId account) {
            return balances.getOrDefault(account, 0L);
        }

        void step(int step, Op op) {
            UserId a = USER_IDS.get(op.a());
            UserId b = USER_IDS.get(op.b());
            String key = "k" + step;
            switch (op.name()) {
                case "recharge" -> expectApplied(Requests.recharge(key, a, op.amount()));
                case "gift" -> expectApplied(Requests.gift(key, a, b, 2L * op.amount()));
                case "refund" -> {
                    expectApplied(Requests.refundIntoDebt(key, a, op.amount()));
                    inDebt.add(AccountId.userCoins(a));
                }
                case "release" -> expectApplied(Requests.release(key, b, op.amount()));
                case "cash-out" -> expectApplied(Requests.cashOut(key, b, op.amount()));
                case "batch" ->
                    expectBatch(List.of(
                            Requests.gift(key + "-gift", a, b, 2L * op.amount()),
                            Requests.release(key + "-release", b, op.amount())));
                case "retry" -> {
                    if (!applied.isEmpty()) {
                        int i = op.amount() % applied.size();
                        AppliedTransaction again = store.apply(requests.get(i));
                        assertThat(again.replay()).isTrue();
                        assertThat(again.id()).isEqualTo(applied.get(i).id());
                        assertThat(again.entries()).isEqualTo(applied.get(i).entries());
                    }
                }
                case "reuse" -> {
                    if (!applied.isEmpty()) {
                        IdempotencyKey reused =
                                applied.get(op.amount() % applied.size()).key();
                        TransactionRequest different = TransactionRequest.builder(reused, "reuse")
                                .debit(AccountId.system(AccountType.COINS_ISSUED_BONUS), op.amount())
                                .credit(AccountId.userCoins(a), op.amount())
                                .build();
                        assertThatThrownBy(() -> store.apply(different))
                                .isInstanceOf(IdempotencyConflictException.class);
                    }
                }
                default -> throw new IllegalArgumentException(op.name());
            }
        }

        /** Applies one request in the model; returns the failure it should meet, or null. */
        private InsufficientBalanceException tryModel(TransactionRequest r, Map<AccountId, Long> into) {
            for (Posting p : r.postings()) {
                long before = into.getOrDefault(p.account(), 0L);
                long after = before + p.amount();
                if (after < 0
                        && p.amount() < 0
                        && !p.intoDebt()
                        && p.account().type().isMember()) {
                    return InsufficientBalanceException.of(p.account(), -p.amount(), before);
                }
                into.put(p.account(), after);
            }
            return null;
        }

        private void expectApplied(TransactionRequest r) {
            expectBatch(List.of(r));
        }

        private void expectBatch(List<TransactionRequest> batch) {
            Map<AccountId, Long> next = new HashMap<>(balances);
            InsufficientBalanceException expected = null;
            for (TransactionRequest r : batch) {
                expected = tryModel(r, next);
                if (expected != null) {
                    break;
                }
            }
            if (expected != null) {
                InsufficientBalanceException e = expected;
                assertThatThrownBy(() -> store.applyAll(batch)).isInstanceOfSatisfying(e.getClass(), thrown -> {
                    assertThat(thrown.account()).isEqualTo(e.account());
                    assertThat(thrown.required()).isEqualTo(e.required());
                    assertThat(thrown.available()).isEqualTo(e.available());
                });
                for (TransactionRequest r : batch) {
                    assertThat(store.find(r.key())).isEmpty();
                }
                return;
            }
            List<AppliedTransaction> results = store.applyAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                AppliedTransaction t = results.get(i);
                assertThat(t.replay()).isFalse();
                assertThat(t.entries()).hasSize(batch.get(i).postings().size());
                for (Posting p : batch.get(i).postings()) {
                    if (p.amount() < 0 && p.account().type().isMember()) {
                        assertThat(t.balanceAfter(p.account())).isPresent();
                    }
                }
                applied.add(t);
                requests.add(batch.get(i));
            }
            balances.clear();
            balances.putAll(next);
        }
    }
}
