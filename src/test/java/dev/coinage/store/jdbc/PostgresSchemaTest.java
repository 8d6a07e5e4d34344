package dev.coinage.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
