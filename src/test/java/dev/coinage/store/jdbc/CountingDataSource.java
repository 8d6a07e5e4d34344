package dev.coinage.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps a data source to count the round trips its callers make: every statement executed ({@code execute},
 * {@code executeQuery}, {@code executeUpdate}, {@code executeBatch}, ...) and every {@code commit} and
 * {@code rollback} of a connection with an open transaction. pgjdbc sends each of these as one message exchange with
 * the server (it piggybacks the {@code BEGIN} of a transaction on its first statement, and sends the statements of a
 * multi-statement string together), and sends nothing for a {@code commit} or {@code rollback} when the server
 * reported no open transaction (after a statement that ended with {@code COMMIT}), so the count is the number of
 * times the caller waits for the server. {@link #log} holds what was sent, in order.
 */
final class CountingDataSource implements DataSource {
    private static final Set<String> EXECUTES = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final DataSource target;

    /** One line per round trip: the SQL of a statement, or {@code COMMIT}/{@code ROLLBACK}. */
    final List<String> log = new CopyOnWriteArrayList<>();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** The round trips counted since the last {@link #reset}. */
    int roundTrips() {
        return log.size();
    }

    /** Forgets what was counted. */
    void reset() {
        log.clear();
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
        InvocationHandler h = (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("commit") || name.equals("rollback")) && FaultInjectingDataSource.transactionOpen(real)) {
                log.add(name.toUpperCase(java.util.Locale.ROOT));
            }
            Object result = invoke(real, method, args);
            if (result instanceof Statement && (name.equals("prepareStatement") || name.equals("prepareCall"))) {
                return statement((Statement) result, (String) args[0]);
            }
            if (result instanceof Statement) {
                return statement((Statement) result, null);
            }
            return result;
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private Statement statement(Statement real, String prepared) {
        Class<?>[] interfaces = real instanceof java.sql.CallableStatement
                ? new Class<?>[] {java.sql.CallableStatement.class}
                : real instanceof java.sql.PreparedStatement
                        ? new Class<?>[] {java.sql.PreparedStatement.class}
                        : new Class<?>[] {Statement.class};
        InvocationHandler h = (proxy, method, args) -> {
            if (EXECUTES.contains(method.getName())) {
                log.add(args != null && args.length > 0 && args[0] instanceof String ? (String) args[0] : prepared);
            }
            return invoke(real, method, args);
        };
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), interfaces, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
        return target.getParentLogger();
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
