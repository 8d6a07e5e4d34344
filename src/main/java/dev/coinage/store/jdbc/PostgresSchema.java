package dev.coinage.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Creates and upgrades the tables of {@link PostgresLedgerStore}.
 *
 * <p>The schema ships as versioned SQL scripts in the jar under {@value #LOCATION}, named as Flyway expects
 * ({@code V1__coinage_ledger.sql}, ...). A host that uses Flyway adds {@code classpath:db/migration/coinage} to its
 * locations and never calls this class. A host without a migration tool calls {@link #migrate} at start-up: it applies
 * the scripts not applied yet, each in its own transaction, and records them in {@code coinage_schema_history}. Several
 * instances may call it at once; one applies each script and the others wait for it.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PostgresSchema {
    /** Where the migration scripts are on the class path. */
    public static final String LOCATION = "db/migration/coinage";

    private static final List<String> SCRIPTS = List.of(
            "V1__coinage_ledger.sql",
            "V2__coinage_purchases.sql",
            "V3__coinage_lots.sql",
            "V4__coinage_outbox_leases.sql",
            "V5__coinage_user_limits.sql",
            "V6__coinage_release_reversals.sql");

    private PostgresSchema() {}

    /**
     * Applies every migration script that the database has not seen yet.
     *
     * @param dataSource where the tables go, not null
     * @throws StoreUnavailableException if the database fails or refuses a script
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, Integer.MAX_VALUE);
    }

    /** Applies the scripts up to version {@code through} that the database has not seen yet; for upgrade tests. */
    static void migrate(DataSource dataSource, int through) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            createHistory(c);
            for (String script : SCRIPTS) {
                if (version(script) <= through) {
                    apply(c, script);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not migrate the Coinage schema: " + e.getMessage(), e, 1);
        }
    }

    private static void createHistory(Connection c) throws SQLException {
        String sql = "CREATE TABLE IF NOT EXISTS coinage_schema_history ("
                + "version INT NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL, "
                + "applied_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)";
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                return;
            } catch (SQLException e) {
                // Two instances creating the table at once: PostgreSQL may report the loser's IF NOT EXISTS as a
                // duplicate (23505, 42P07 or 42710, depending on which catalog row collided). Once the winner has
                // committed, IF NOT EXISTS sees its table.
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** Returns the migration scripts in the order they apply, for tests and tools. */
    static List<String> scripts() {
        return SCRIPTS;
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private static void apply(Connection c, String script) throws SQLException {
        int version = version(script);
        c.setAutoCommit(false);
        try {
            // The history row is the lock: a concurrent migrator's insert waits for this transaction, then skips.
            try (PreparedStatement claim = c.prepareStatement("INSERT INTO coinage_schema_history (version, script) "
                    + "VALUES (?, ?) ON CONFLICT (version) DO NOTHING")) {
                claim.setInt(1, version);
                claim.setString(2, script);
                if (claim.executeUpdate() == 0) {
                    c.rollback();
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                for (String sql : statements(read(script))) {
                    s.execute(sql);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String read(String script) {
        String path = LOCATION + "/" + script;
        try (InputStream in = PostgresSchema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the class path: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script on semicolons that end a line; the scripts keep semicolons out of strings and comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
