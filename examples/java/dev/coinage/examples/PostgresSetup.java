package dev.coinage.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coinage.Coinage;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.spi.Members;
import dev.coinage.spi.PaymentGateway;
import dev.coinage.store.jdbc.PostgresLedgerStore;
import dev.coinage.store.jdbc.PostgresSchema;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Coinage on PostgreSQL, as each instance of a host application sets it up at start-up: a connection pool
 * (HikariCP here; any {@link DataSource} works), the schema migrations, and one {@link Coinage} on the shared database.
 * Any number of instances do the same against one database: the store keeps balances right under concurrent writes
 * from all of them, and idempotency keys make a retry on another instance harmless.
 */
public final class PostgresSetup {
    private PostgresSetup() {}

    /**
     * Makes a connection pool. Size it to the threads that call Coinage at once; every call holds one connection for
     * one short transaction.
     *
     * @param jdbcUrl the database, such as {@code jdbc:postgresql://db:5432/app}, not null
     * @param user the user, or null if the URL carries it
     * @param password the password, or null
     * @param size the most connections
     * @return the pool; close it when the instance stops
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        if (user != null) {
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        config.setPoolName("coinage");
        return new HikariDataSource(config);
    }

    /**
     * Migrates the schema (each script once, whichever instance gets there first; the others wait) and builds the
     * instance's economy on the database.
     *
     * @param dataSource the pool, not null
     * @param definition the economy, not null
     * @param members the host's members port, not null
     * @param payments the host's payment gateway, not null
     * @return the economy, never null
     */
    public static Coinage start(
            DataSource dataSource, EconomyDefinition definition, Members members, PaymentGateway payments) {
        PostgresSchema.migrate(dataSource);
        return Coinage.builder()
                .definition(definition)
                .store(PostgresLedgerStore.create(dataSource))
                .members(members)
                .payments(payments)
                .build();
    }
}
