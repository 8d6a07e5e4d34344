package dev.coinage.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Wraps a data source to break things on purpose: kill the server process of a connection just before a statement,
 * lose the reply to a successful commit, or fail commits with a chosen SQLSTATE. Records the SQLSTATE of every
 * failure it sees.
 *
 * <p>A commit is either {@code Connection.commit} while a transaction is open, or a statement whose last part is
 * {@code COMMIT} (the store sends its last write and the commit in one message); {@code commit} on a connection
 * without an open transaction sends nothing (pgjdbc) and is not one.
 */
final class FaultInjectingDataSource implements DataSource {
    private final DataSource target;
    private final DataSource admin;

    /** Kills the connection's server process before the first statement whose SQL matches; reset after firing. */
    volatile Predicate<String> killBefore;

    /** Commits, then throws as if the connection broke before the reply arrived; once. */
    volatile boolean loseNextCommitReply;

    /** Fails this many commits, without committing, with {@link #commitFailureState}. */
    final AtomicInteger failCommits = new AtomicInteger();

    volatile String commitFailureState = "40001";

    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger commits = new AtomicInteger();

    FaultInjectingDataSource(DataSource target, DataSource admin) {
        this.target = target;
        this.admin = admin;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, new ConnectionHandler(real));
    }

    private Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                failures.add(String.valueOf(((SQLException) cause).getSQLState()));
            }
            throw cause;
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection real;

        ConnectionHandler(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("commit") && transactionOpen(real)) {
                return commit(() -> FaultInjectingDataSource.this.invoke(real, method, args));
            }
            Object result = FaultInjectingDataSource.this.invoke(real, method, args);
            if (result instanceof PreparedStatement && args != null && args[0] instanceof String) {
                return Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {PreparedStatement.class},
                        new StatementHandler(real, (PreparedStatement) result, (String) args[0]));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Connection connection;
        private final Statement real;
        private final String sql;

        StatementHandler(Connection connection, Statement real, String sql) {
            this.connection = connection;
            this.real = real;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().startsWith("execute")) {
                Predicate<String> kill = killBefore;
                if (kill != null && kill.test(sql)) {
                    killBefore = null;
                    kill();
                }
                if (sql.endsWith("; COMMIT")) {
                    return commit(() -> FaultInjectingDataSource.this.invoke(real, method, args));
                }
            }
            return FaultInjectingDataSource.this.invoke(real, method, args);
        }

        private void kill() throws SQLException {
            int pid;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Connection c = admin.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
                s.setInt(1, pid);
                s.execute();
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws Throwable;
    }

    /** A commit, with the injected faults: fails without committing, or commits and loses the reply. */
    private Object commit(Call commit) throws Throwable {
        if (failCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            SQLException e = new SQLException("injected failure", commitFailureState);
            failures.add(commitFailureState);
            throw e;
        }
        Object result = commit.call();
        commits.incrementAndGet();
        if (loseNextCommitReply) {
            loseNextCommitReply = false;
            throw new SQLException("injected: connection lost before the commit reply", "08006");
        }
        return result;
    }

    /** Whether pgjdbc will send a {@code commit}: the server reported an open (or failed) transaction. */
    static boolean transactionOpen(Connection real) throws SQLException {
        return !real.getAutoCommit()
                && real.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
