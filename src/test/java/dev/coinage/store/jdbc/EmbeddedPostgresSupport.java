package dev.coinage.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped when the JVM exits. Each test gets a fresh
 * database cloned from a migrated template, so tests are independent and pay for the migration once.
 */
public final class EmbeddedPostgresSupport {
    private static final String TEMPLATE = "coinage_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresSupport() {}

    /** Returns the server, starting it and preparing the template database on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Durability is not under test here: skipping fsync keeps the tests fast on a shared machine.
                EmbeddedPostgres started = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
                execute(started.getPostgresDatabase(), "CREATE DATABASE " + TEMPLATE);
                PostgresSchema.migrate(started.getDatabase("postgres", TEMPLATE));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // The JVM is exiting; the server's directory is temporary.
                    }
                }));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Creates a fresh database with the Coinage schema and returns a pool of up to {@code poolSize} connections. */
    public static TestDatabase newDatabase(int poolSize) {
        EmbeddedPostgres pg = server();
        String name = "coinage_test_" + DATABASES.incrementAndGet();
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", name));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setPoolName(name);
        return new TestDatabase(name, new HikariDataSource(config));
    }

    /** Creates a fresh database with a pool of 10 connections. */
    public static TestDatabase newDatabase() {
        return newDatabase(10);
    }

    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A test's own database; closing it closes the pool and drops the database. */
    public static final class TestDatabase implements AutoCloseable {
        private final String name;
        private final HikariDataSource dataSource;

        TestDatabase(String name, HikariDataSource dataSource) {
            this.name = name;
            this.dataSource = dataSource;
        }

        public HikariDataSource dataSource() {
            return dataSource;
        }

        public String name() {
            return name;
        }

        /** Returns a data source that opens unpooled connections to this database. */
        public DataSource unpooled() {
            return server().getDatabase("postgres", name);
        }

        @Override
        public void close() {
            dataSource.close();
            execute(server().getPostgresDatabase(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
