package dev.coinage.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.spi.MemberState;
import dev.coinage.store.TestFunds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statements on a gift's path are planned once per connection and then run from PostgreSQL's plan cache: a
 * statement that the server plans anew on every call costs more server CPU than running it. Checked on the server
 * itself ({@code pg_prepared_statements} counts, per prepared statement of the session, the executions that used the
 * generic plan and those that were planned for their parameters), over one pooled connection.
 */
class PostgresPlanCacheTest {
    private static final UserId SENDER = UserId.of("sender-1");
    private static final List<AccountType> SENDER_ACCOUNTS =
            List.of(AccountType.LOT_PAID, AccountType.LOT_BONUS, AccountType.WALLET_FREEZE);
    private static final int CALLS = 20;

    private EmbeddedPostgresSupport.TestDatabase database;
    private PostgresLedgerStore store;

    @BeforeEach
    void setUp() {
        database = EmbeddedPostgresSupport.newDatabase(1);
        store = PostgresLedgerStore.create(database.dataSource());
        TestFunds.fund(store, SENDER, 1_000, 1);
        // Many other owners, so that the planner's statistics tell a member with a few accounts from the average.
        for (int i = 0; i < 1000; i++) {
            store.open(AccountId.creatorHold(UserId.of("creator-" + i), "p1"));
            store.open(AccountId.member(AccountType.LOT_GIFTED, UserId.of("creator-" + i), "1.p1"));
        }
        EmbeddedPostgresSupport.execute(database.dataSource(), "VACUUM ANALYZE");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    /** A gift's one read of its sender's lots and wallet freeze (several types at once) runs from a generic plan. */
    @Test
    void aSendersAccountsOfSeveralTypesAreNotPlannedOnEveryCall() throws SQLException {
        for (int i = 0; i < CALLS; i++) {
            List<AccountBalance> accounts = store.memberAccounts(SENDER, SENDER_ACCOUNTS, 100);
            assertThat(accounts).hasSize(1);
            assertThat(accounts.get(0).account().type()).isEqualTo(AccountType.LOT_PAID);
        }
        long[] plans = plans("row_number()");
        // pgjdbc prepares a statement on the server from its fifth execution on (prepareThreshold); PostgreSQL plans
        // the first five executions of a prepared statement for their parameters, then keeps the generic plan if it is
        // not dearer than those were.
        assertThat(plans[1]).as("executions planned for their parameters").isLessThanOrEqualTo(5);
        assertThat(plans[0]).as("executions from the generic plan").isGreaterThanOrEqualTo(CALLS - 10);
    }

    /** The same read with the sender's own caps, as a gift makes it, runs from a generic plan too. */
    @Test
    void aSendersAccountsAndCapsAreNotPlannedOnEveryCall() throws SQLException {
        store.userLimits().set(SENDER, LimitPeriod.DAY, 500);
        for (int i = 0; i < CALLS; i++) {
            MemberState state = store.memberState(SENDER, SENDER_ACCOUNTS, 100);
            assertThat(state.accounts()).hasSize(1);
            assertThat(state.ownCaps()).isEqualTo(Map.of(LimitPeriod.DAY, 500L));
        }
        long[] plans = plans("UNION ALL");
        assertThat(plans[1]).as("executions planned for their parameters").isLessThanOrEqualTo(5);
        assertThat(plans[0]).as("executions from the generic plan").isGreaterThanOrEqualTo(CALLS - 10);
    }

    /** Generic-plan and custom-plan executions of the session's prepared statement whose text holds {@code part}. */
    private long[] plans(String part) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT generic_plans, custom_plans, statement FROM pg_prepared_statements")) {
            long[] found = null;
            StringBuilder all = new StringBuilder();
            while (rs.next()) {
                all.append(rs.getLong(1))
                        .append('/')
                        .append(rs.getLong(2))
                        .append(' ')
                        .append(rs.getString(3));
                all.append('\n');
                if (rs.getString(3).contains(part)) {
                    assertThat(found)
                            .as("one prepared statement holds " + part + ":\n" + all)
                            .isNull();
                    found = new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
            assertThat(found)
                    .as("a prepared statement holding " + part + ":\n" + all)
                    .isNotNull();
            return found;
        }
    }
}
