package dev.coinage.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.store.Requests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schema migrations: Flyway-named, applied once even by concurrent instances. */
class PostgresSchemaTest {
    @Test
    void scriptsAreNamedAsFlywayExpectsAndShipInTheJar() {
        for (String script : PostgresSchema.scripts()) {
            assertThat(script).matches("V[0-9]+__[a-z0-9_]+\\.sql");
            assertThat(getClass().getClassLoader().getResource(PostgresSchema.LOCATION + "/" + script))
                    .isNotNull();
        }
    }

    @Test
    void concurrentMigrationsApplyEachScriptOnceAndCreateTheSystemAccounts() throws Exception {
        String name = "coinage_schema_test";
        EmbeddedPostgresSupport.execute(
                EmbeddedPostgresSupport.server().getPostgresDatabase(), "CREATE DATABASE " + name);
        try {
            DataSource ds = EmbeddedPostgresSupport.server().getDatabase("postgres", name);
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> PostgresSchema.migrate(ds));
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> PostgresSchema.migrate(ds));
            one.get(60, TimeUnit.SECONDS);
            two.get(60, TimeUnit.SECONDS);
            PostgresSchema.migrate(ds);

            assertThat(count(ds, "SELECT COUNT(*) FROM coinage_schema_history"))
                    .isEqualTo(PostgresSchema.scripts().size());
            PostgresLedgerStore store = PostgresLedgerStore.create(ds);
            for (AccountType type : AccountType.values()) {
                if (!type.isMember()) {
                    assertThat(store.exists(AccountId.system(type)))
                            .as("%s", type)
                            .isTrue();
                }
            }
        } finally {
            EmbeddedPostgresSupport.execute(
                    EmbeddedPostgresSupport.server().getPostgresDatabase(),
                    "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void upgradingFromVersion3KeepsTheOutboxAndLedgerRowsAndMakesThemClaimable() throws Exception {
        String name = "coinage_upgrade_test";
        EmbeddedPostgresSupport.execute(
                EmbeddedPostgresSupport.server().getPostgresDatabase(), "CREATE DATABASE " + name);
        try {
            DataSource ds = EmbeddedPostgresSupport.server().getDatabase("postgres", name);
            PostgresSchema.migrate(ds, 3);
            assertThat(count(ds, "SELECT COUNT(*) FROM coinage_schema_history")).isEqualTo(3);
            PostgresLedgerStore before = PostgresLedgerStore.create(ds);
            UserId ana = UserId.of("ana");
            before.open(AccountId.userCoins(ana));
            for (int i = 0; i < 3; i++) {
                before.apply(Requests.recharge("psp-" + i, ana, 10));
            }

            PostgresSchema.migrate(ds);

            assertThat(count(ds, "SELECT COUNT(*) FROM coinage_schema_history"))
                    .isEqualTo(PostgresSchema.scripts().size());
            assertThat(count(
                            ds, "SELECT COUNT(*) FROM coinage_outbox WHERE claimed_by IS NULL AND lease_until IS NULL"))
                    .isEqualTo(3);
            PostgresLedgerStore after = PostgresLedgerStore.create(ds);
            assertThat(after.balance(AccountId.userCoins(ana))).isEqualTo(30);
            assertThat(after.claim("relay", 10, Duration.ofMinutes(1)))
                    .extracting(m -> m.key().value())
                    .containsExactly("psp-0", "psp-1", "psp-2");
            assertThat(after.userLimits().find(ana, LimitPeriod.DAY)).isEmpty();
            after.userLimits().set(ana, LimitPeriod.DAY, 50);
            assertThat(PostgresLedgerStore.create(ds).userLimits().find(ana, LimitPeriod.DAY))
                    .hasValue(50);
        } finally {
            EmbeddedPostgresSupport.execute(
                    EmbeddedPostgresSupport.server().getPostgresDatabase(),
                    "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void statementsAreSplitOnSemicolonsThatEndALine() {
        assertThat(PostgresSchema.statements(
                        "-- comment;\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES\n (1),\n (2);\n"))
                .isEqualTo(List.of("CREATE TABLE a (x INT)", "INSERT INTO a VALUES\n (1),\n (2)"));
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
