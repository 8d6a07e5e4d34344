package dev.coinage.store.jdbc;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Thrown when the database could not carry out a store operation: the connection failed, the server refused the
 * statement, or the transaction kept losing to concurrent ones (serialization failures and deadlocks are retried a
 * bounded number of times before this is thrown).
 *
 * <p>This is not a business failure and nothing can be said about the request itself. If it happened before the commit
 * nothing was written; if the connection broke during the commit the transaction may have been applied. Either way,
 * retrying the same request with the same idempotency key is safe: it is applied once, or the first result is returned.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final int attempts;

    /**
     * Creates the exception.
     *
     * @param message what failed, not null
     * @param cause the database's exception, not null
     * @param attempts how many times the operation was tried, positive
     */
    public StoreUnavailableException(String message, SQLException cause, int attempts) {
        super(message, cause);
        this.sqlState = cause.getSQLState();
        this.attempts = attempts;
    }

    /**
     * Returns the SQLSTATE of the database's last failure, for example {@code 40001} after too many serialization
     * failures.
     *
     * @return the SQLSTATE, empty if the driver gave none
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /**
     * Returns how many times the operation was tried before giving up.
     *
     * @return the number of attempts, at least 1
     */
    public int attempts() {
        return attempts;
    }
}
