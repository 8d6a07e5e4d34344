package dev.coinage.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Runs the store's work on a connection of its own: in one transaction or in auto-commit mode, with serialization
 * failures ({@code 40001}) and deadlocks ({@code 40P01}) retried with bounded, jittered exponential backoff, and other
 * database failures surfaced as {@link StoreUnavailableException}.
 */
final class TransactionRunner {

    static final long BASE_BACKOFF_MICROS = 500;
    static final long MAX_BACKOFF_MICROS = 200_000;

    private final DataSource dataSource;

    TransactionRunner(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of its own, in one transaction if {@code transactional}, else in auto-commit
     * mode (the work may open a transaction itself and must then commit it). Serialization failures and deadlocks are
     * retried; business exceptions roll back and pass through.
     */
    <T> T run(String what, boolean transactional, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(transactional, work);
            } catch (SQLException e) {
                if (!retryable(e) || attempt >= PostgresLedgerStore.MAX_ATTEMPTS) {
                    throw new StoreUnavailableException(
                            "could not " + what + " after " + attempt + (attempt == 1 ? " attempt: " : " attempts: ")
                                    + e.getMessage(),
                            e,
                            attempt);
                }
                backOff(attempt, what, e);
            }
        }
    }

    private <T> T once(boolean transactional, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(!transactional);
            try {
                T result = work.run(c);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // The connection is broken; the server rolls the transaction back when it notices.
            failure.addSuppressed(e);
        }
    }

    static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if ("40001".equals(state) || "40P01".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void backOff(int attempt, String what, SQLException cause) {
        long ceiling = Math.min(MAX_BACKOFF_MICROS, BASE_BACKOFF_MICROS << Math.min(attempt - 1, 20));
        long micros = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while retrying to " + what, cause, attempt);
        }
    }
}
