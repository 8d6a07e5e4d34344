package dev.coinage.store.jdbc;

import static dev.coinage.store.Requests.gift;
import static dev.coinage.store.Requests.recharge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.store.LedgerInvariants;
import dev.coinage.store.Requests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Broken connections, lost commit replies and transient failures leave the ledger whole. */
class PostgresFaultsTest {
    private final UserId ana = UserId.of("ana");
    private final UserId bo = UserId.of("bo");
    private EmbeddedPostgresSupport.TestDatabase database;
    private FaultInjectingDataSource faulty;
    private PostgresLedgerStore store;
    private PostgresLedgerStore direct;

    @BeforeEach
    void setUp() {
        database = EmbeddedPostgresSupport.newDatabase();
        faulty = new FaultInjectingDataSource(database.dataSource(), database.unpooled());
        store = PostgresLedgerStore.create(faulty);
        direct = PostgresLedgerStore.create(database.dataSource());
        Requests.openMember(direct, ana);
        Requests.openMember(direct, bo);
        direct.apply(recharge("seed", ana, 1000));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private long rows(String table) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aConnectionKilledInTheMiddleOfATransactionLeavesNoPartialState() throws SQLException {
        LedgerSnapshot before = direct.snapshot();
        long entries = rows("coinage_entry");
        long outbox = rows("coinage_outbox");
        // The key is claimed and the accounts are locked when the entries are written: kill the connection then.
        faulty.killBefore = sql -> sql.contains("INSERT INTO coinage_entry");

        assertThatThrownBy(() -> store.apply(gift("gift-1", ana, bo, 100)))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(faulty.killBefore).as("the kill fired").isNull();
        assertThat(direct.snapshot().balances()).isEqualTo(before.balances());
        assertThat(direct.find(IdempotencyKey.of("gift-1"))).isEmpty();
        assertThat(rows("coinage_entry")).isEqualTo(entries);
        assertThat(rows("coinage_outbox")).isEqualTo(outbox);
        // The key was not used up: the same gift applies once the database is reachable again.
        AppliedTransaction applied = store.apply(gift("gift-1", ana, bo, 100));
        assertThat(applied.replay()).isFalse();
        assertThat(direct.balance(AccountId.userCoins(ana))).isEqualTo(900);
        LedgerInvariants.check(direct, Set.of());
    }

    @Test
    void aConnectionKilledWhileClaimingTheKeyLeavesNoPartialState() {
        LedgerSnapshot before = direct.snapshot();
        // The first statement of a request claims its key.
        faulty.killBefore = sql -> sql.startsWith("WITH t AS (INSERT INTO coinage_transaction");

        assertThatThrownBy(() -> store.apply(gift("gift-1", ana, bo, 100)))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(faulty.killBefore).as("the kill fired").isNull();
        assertThat(direct.snapshot().balances()).isEqualTo(before.balances());
        assertThat(direct.find(IdempotencyKey.of("gift-1"))).isEmpty();
        assertThat(direct.entries(AccountId.creatorHold(bo, "p1"), PageRequest.oldestFirst(10))
                        .entries())
                .isEmpty();
    }

    @Test
    void aConnectionKilledWhileLockingTheAccountsLeavesNoPartialState() {
        LedgerSnapshot before = direct.snapshot();
        faulty.killBefore = sql -> sql.contains("SKIP LOCKED");

        assertThatThrownBy(() -> store.apply(gift("gift-1", ana, bo, 100)))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(faulty.killBefore).as("the kill fired").isNull();
        assertThat(direct.snapshot().balances()).isEqualTo(before.balances());
        assertThat(direct.find(IdempotencyKey.of("gift-1"))).isEmpty();
    }

    @Test
    void aCommitWhoseReplyWasLostRetriedWithTheSameKeyReturnsTheFirstResultAndCreditsNothingTwice()
            throws SQLException {
        faulty.loseNextCommitReply = true;
        TransactionRequest webhook = recharge("psp-7", bo, 350);

        assertThatThrownBy(() -> store.apply(webhook))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.sqlState())
                        .hasValue("08006"));
        assertThat(faulty.commits.get()).isEqualTo(1);

        // The caller cannot know whether it committed; it retries with the same key.
        AppliedTransaction retried = store.apply(webhook);
        AppliedTransaction first = direct.find(IdempotencyKey.of("psp-7")).orElseThrow();
        assertThat(retried.replay()).isTrue();
        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(retried.entries()).isEqualTo(first.entries());
        assertThat(direct.balance(AccountId.userCoins(bo))).isEqualTo(350);
        assertThat(direct.entries(AccountId.userCoins(bo), PageRequest.oldestFirst(10))
                        .entries())
                .hasSize(1);
        assertThat(rows("coinage_outbox"))
                .as("one message per applied transaction")
                .isEqualTo(2);
        LedgerInvariants.check(direct, Set.of());
    }

    @Test
    void serializationFailuresAndDeadlocksAreRetriedInsideTheStore() {
        faulty.failCommits.set(3);
        faulty.commitFailureState = "40001";
        AppliedTransaction first = store.apply(gift("gift-1", ana, bo, 10));
        assertThat(first.replay()).isFalse();

        faulty.failCommits.set(2);
        faulty.commitFailureState = "40P01";
        AppliedTransaction second = store.apply(gift("gift-2", ana, bo, 10));
        assertThat(second.replay()).isFalse();

        assertThat(faulty.failures).containsExactly("40001", "40001", "40001", "40P01", "40P01");
        assertThat(direct.balance(AccountId.userCoins(ana))).isEqualTo(980);
        assertThat(direct.balance(AccountId.creatorHold(bo, "p1"))).isEqualTo(10);
        LedgerInvariants.check(direct, Set.of());
    }

    @Test
    void retriesAreBoundedAndThenFailWithAClearExceptionAndNoTrace() {
        faulty.failCommits.set(Integer.MAX_VALUE);
        faulty.commitFailureState = "40001";
        LedgerSnapshot before = direct.snapshot();

        assertThatThrownBy(() -> store.apply(gift("gift-1", ana, bo, 10)))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(PostgresLedgerStore.MAX_ATTEMPTS);
                    assertThat(e.sqlState()).hasValue("40001");
                    assertThat(e).hasMessageContaining("gift-1").hasMessageContaining("attempts");
                });

        assertThat(faulty.failures).hasSize(PostgresLedgerStore.MAX_ATTEMPTS);
        assertThat(direct.snapshot().balances()).isEqualTo(before.balances());
        assertThat(direct.find(IdempotencyKey.of("gift-1"))).isEmpty();
    }

    @Test
    void otherDatabaseFailuresAreNotRetried() {
        faulty.failCommits.set(Integer.MAX_VALUE);
        faulty.commitFailureState = "53300";

        assertThatThrownBy(() -> store.apply(gift("gift-1", ana, bo, 10)))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.attempts())
                        .isEqualTo(1));
        assertThat(faulty.failures).containsExactly("53300");
    }
}
