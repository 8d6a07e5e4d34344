package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Sql.*;

import dev.coinage.ledger.UnknownAccountException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@link TransactionWriter} locks the balance shards of the accounts a transaction posts to, and reads what it
 * locked: the locking statement in the global lock order, the rows it returns, and the fallback that adds or waits for
 * a shard when every shard of a credited account is held by other transactions.
 */
final class ShardLocks {
    private ShardLocks() {}

    /**
     * The statement that locks the given accounts: parts run in account-name order, one global lock order, so that two
     * transactions never wait for each other in a cycle. A debited member account has all its shards locked and its
     * exact balance read; any other account has one shard locked, the first that no other transaction holds.
     */
    static String lockSql(Account[] slots) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < slots.length; i++) {
            // A locking clause is not allowed on a UNION's own parts, but is in a subquery in FROM.
            sql.append(i == 0 ? "" : " UNION ALL ")
                    .append("SELECT * FROM (")
                    .append(slots[i].whole ? LOCK_ALL_SHARDS : LOCK_FREE_SHARD)
                    .append(") AS l")
                    .append(i);
        }
        return sql.toString();
    }

    static void bindLocks(PreparedStatement s, int k, Account[] slots) throws SQLException {
        for (int i = 0; i < slots.length; i++) {
            s.setInt(k + 2 * i, i);
            s.setString(k + 2 * i + 1, slots[i].name);
        }
    }

    static Map<Integer, List<long[]>> readLocks(ResultSet rs, Account[] slots) throws SQLException {
        Map<Integer, List<long[]>> rows = new HashMap<>();
        while (rs.next()) {
            BigDecimal others = rs.getBigDecimal(4);
            rows.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new long[] {
                rs.getInt(2), rs.getLong(3), others == null ? 0 : exactLong(slots[rs.getInt(1)], others)
            });
        }
        return rows;
    }

    static long exactSum(Account a, long x, long y) {
        try {
            return Math.addExact(x, y);
        } catch (ArithmeticException e) {
            throw new IllegalStateException("balance of " + a.id + " is beyond the range of a long", e);
        }
    }

    static long exactLong(Account a, BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("balance of " + a.id + " is beyond the range of a long", e);
        }
    }

    /**
     * Locks one shard of an account that the batch only credits, or of a system account, when every shard is held by
     * other transactions: adds a shard while there are fewer than {@link PostgresLedgerStore#MAX_SHARDS}, else waits
     * for a random one. This breaks the account-name lock order, so it may deadlock; the deadlock is detected and the
     * request retried.
     */
    static void lockOneShard(Connection c, Account a) throws SQLException {
        int count;
        try (PreparedStatement s = c.prepareStatement(SHARD_COUNT)) {
            s.setString(1, a.name);
            try (ResultSet rs = s.executeQuery()) {
                count = rs.next() ? rs.getInt(2) : -1;
            }
        }
        if (count < 0) {
            if (!a.id.isSystem()) {
                throw new UnknownAccountException(a.id);
            }
            // A system account exists from the start: one of a type added after the schema was created gets its row
            // and first shard when it is first posted to.
            PostgresLedgerStore.open(c, a.id);
            count = 0;
        }
        int shard;
        if (count < PostgresLedgerStore.MAX_SHARDS) {
            shard = count;
            try (PreparedStatement s = c.prepareStatement(ADD_SHARD)) {
                s.setString(1, a.name);
                s.setInt(2, shard);
                s.executeUpdate();
            }
        } else {
            shard = ThreadLocalRandom.current().nextInt(count);
        }
        try (PreparedStatement s = c.prepareStatement(LOCK_SHARD)) {
            s.setString(1, a.name);
            s.setInt(2, shard);
            if (!readShard(s, a)) {
                // Not expected (shards are never deleted), but shard 0 exists from the account's opening.
                s.setInt(2, 0);
                if (!readShard(s, a)) {
                    throw new UnknownAccountException(a.id);
                }
            }
        }
    }

    static boolean readShard(PreparedStatement s, Account a) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            a.shards = new int[] {rs.getInt(1)};
            a.shardValues = new long[] {rs.getLong(2)};
            a.total = exactSum(a, a.shardValues[0], exactLong(a, rs.getBigDecimal(3)));
            return true;
        }
    }
}
