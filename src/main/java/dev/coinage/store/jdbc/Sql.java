package dev.coinage.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The SQL the PostgreSQL store sends, in one place, and the column readers it shares. */
final class Sql {
    private Sql() {}

    static final String JOURNAL = "SELECT t.transaction_id, t.idempotency_key, t.kind, t.fingerprint, "
            + "t.attributes, t.committed_at, e.entry_id, e.account_id, e.amount, e.balance_after FROM "
            + "(SELECT * FROM coinage_transaction WHERE kind = ? AND transaction_id > ? ORDER BY transaction_id LIMIT ?) t "
            + "LEFT JOIN coinage_entry e ON e.transaction_id = t.transaction_id "
            + "ORDER BY t.transaction_id, e.posting_index";

    static final int ROWS_PER_INSERT = 1000;
    static final int CLAIMS_PER_INSERT = 500;

    static final String CLAIM_HEAD = "WITH t AS (INSERT INTO coinage_transaction "
            + "(idempotency_key, kind, fingerprint, attributes, committed_at) VALUES ";
    static final String CLAIM_TAIL = " ON CONFLICT (idempotency_key) DO NOTHING "
            + "RETURNING transaction_id, idempotency_key, kind, attributes, committed_at) "
            + "INSERT INTO coinage_outbox (transaction_id, idempotency_key, kind, attributes, committed_at) "
            + "SELECT transaction_id, idempotency_key, kind, attributes, committed_at FROM t "
            + "RETURNING transaction_id, idempotency_key, position";
    static final String LOAD = "SELECT t.transaction_id, t.kind, t.fingerprint, t.attributes, t.committed_at, "
            + "e.entry_id, e.account_id, e.amount, e.balance_after FROM coinage_transaction t "
            + "LEFT JOIN coinage_entry e ON e.transaction_id = t.transaction_id "
            + "WHERE t.idempotency_key = ? ORDER BY e.posting_index";
    static final String OTHER_SHARDS = "(SELECT COALESCE(SUM(o.balance), 0) FROM coinage_balance_shard o "
            + "WHERE o.account_id = b.account_id AND o.shard <> b.shard)";
    static final String LOCK_ALL_SHARDS = "SELECT CAST(? AS INT), b.shard, b.balance, CAST(NULL AS NUMERIC) "
            + "FROM coinage_balance_shard b WHERE b.account_id = ? ORDER BY b.shard FOR UPDATE";
    static final String LOCK_FREE_SHARD = "SELECT CAST(? AS INT), b.shard, b.balance, " + OTHER_SHARDS
            + " FROM coinage_balance_shard b WHERE b.account_id = ? ORDER BY b.shard LIMIT 1 FOR UPDATE SKIP LOCKED";
    static final String LOCK_SHARD = "SELECT b.shard, b.balance, " + OTHER_SHARDS
            + " FROM coinage_balance_shard b WHERE b.account_id = ? AND b.shard = ? FOR UPDATE";
    static final String SHARD_COUNT =
            "SELECT a.account_id, (SELECT COUNT(*) FROM coinage_balance_shard s WHERE s.account_id = a.account_id) "
                    + "FROM coinage_account a WHERE a.account_id = ?";
    static final String ADD_SHARD = "INSERT INTO coinage_balance_shard (account_id, shard, balance) "
            + "VALUES (?, ?, 0) ON CONFLICT (account_id, shard) DO NOTHING";
    static final String SET_SHARDS = "UPDATE coinage_balance_shard s SET balance = v.balance FROM (VALUES ";
    static final String SHARD_ROW = "(CAST(? AS VARCHAR(200)), CAST(? AS INT), CAST(? AS BIGINT))";
    static final String SET_SHARDS_TAIL =
            ") AS v (account_id, shard, balance) WHERE s.account_id = v.account_id AND s.shard = v.shard RETURNING 1";
    static final String INSERT_ENTRIES = "INSERT INTO coinage_entry "
            + "(transaction_id, posting_index, account_id, amount, balance_after, kind, committed_at) VALUES ";
    static final String ENTRY_ROW = "(?, ?, ?, ?, ?, ?, ?)";
    static final String CLAIM_ROW = "(?, ?, ?, ?, ?)";
    // Claims of refused requests in a group commit, undone in the transaction that made them (so never seen).
    static final String UNCLAIM_TRANSACTIONS = "DELETE FROM coinage_transaction WHERE transaction_id IN (";
    static final String UNCLAIM_OUTBOX = "DELETE FROM coinage_outbox WHERE position IN (";
    static final String NO_ENTRIES = "SELECT CAST(NULL AS BIGINT), CAST(NULL AS INT), CAST(NULL AS BIGINT) WHERE FALSE";
    static final String OPEN =
            "WITH a AS (INSERT INTO coinage_account (account_id, account_type, owner_id) VALUES (?, ?, ?) "
                    + "ON CONFLICT (account_id) DO NOTHING RETURNING account_id) "
                    + "INSERT INTO coinage_balance_shard (account_id, shard, balance) SELECT account_id, 0, 0 FROM a";
    static final String EXISTS = "SELECT 1 FROM coinage_account WHERE account_id = ?";
    static final String BALANCE = "SELECT SUM(balance) FROM coinage_balance_shard WHERE account_id = ?";
    static final String PAGE_COLUMNS =
            "SELECT entry_id, transaction_id, amount, kind, committed_at FROM coinage_entry WHERE account_id = ? ";
    static final String PAGE_OLDEST = PAGE_COLUMNS + "AND entry_id > ? ORDER BY entry_id LIMIT ?";
    static final String PAGE_NEWEST = PAGE_COLUMNS + "AND entry_id < ? ORDER BY entry_id DESC LIMIT ?";
    static final String NON_ZERO = "SELECT a.account_id FROM coinage_account a "
            + "WHERE a.account_type = ? AND a.account_id > ? AND (SELECT SUM(s.balance) FROM coinage_balance_shard s "
            + "WHERE s.account_id = a.account_id) <> 0 ORDER BY a.account_id LIMIT ?";
    static final String MEMBER_ACCOUNTS = "SELECT a.account_id, SUM(s.balance) FROM coinage_account a "
            + "JOIN coinage_balance_shard s ON s.account_id = a.account_id "
            + "WHERE a.owner_id = ? AND a.account_type = ? AND a.account_id > ? "
            + "GROUP BY a.account_id HAVING SUM(s.balance) <> 0 ORDER BY a.account_id LIMIT ?";
    static final String SNAPSHOT = "SELECT account_id, SUM(balance) FROM coinage_balance_shard GROUP BY account_id";
    static final String POLL = "SELECT position, transaction_id, idempotency_key, kind, attributes, committed_at "
            + "FROM coinage_outbox ORDER BY position LIMIT ?";
    static final String CLAIM_OUTBOX = "UPDATE coinage_outbox o SET claimed_by = ?, lease_until = ? "
            + "FROM (SELECT position FROM coinage_outbox WHERE lease_until IS NULL OR lease_until <= ? "
            + "ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED) c WHERE o.position = c.position "
            + "RETURNING o.position, o.transaction_id, o.idempotency_key, o.kind, o.attributes, o.committed_at";
    static final String FIND_USER_LIMIT = "SELECT coins FROM coinage_user_limit WHERE user_id = ? AND period = ?";
    static final String SET_USER_LIMIT = "INSERT INTO coinage_user_limit (user_id, period, coins, updated_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, period) "
            + "DO UPDATE SET coins = EXCLUDED.coins, updated_at = EXCLUDED.updated_at";
    static final String ACKNOWLEDGE = "DELETE FROM coinage_outbox WHERE position IN (";

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The statement that claims {@code rows} keys (and writes their outbox rows). */
    static String claimSql(int rows) {
        StringBuilder sql = new StringBuilder(CLAIM_HEAD);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(CLAIM_ROW);
        }
        return sql.append(CLAIM_TAIL).toString();
    }

    /**
     * The statement that writes a transaction's part: {@code entries} entry rows (their ids returned), then, in the
     * last part, {@code shards} balance shards set and the claims of refused requests deleted ({@code unclaimed}
     * transactions and {@code unclaimedOutbox} outbox rows), followed by the COMMIT if {@code commit}.
     */
    static String writeSql(int entries, int shards, int unclaimed, int unclaimedOutbox, boolean commit) {
        StringBuilder sql = new StringBuilder("WITH ");
        String sep = "";
        if (entries > 0) {
            sql.append("e AS (").append(INSERT_ENTRIES);
            for (int i = 0; i < entries; i++) {
                sql.append(i == 0 ? "" : ", ").append(ENTRY_ROW);
            }
            // PostgreSQL evaluates the identity default row by row in VALUES order: ids increase in apply order.
            sql.append(" RETURNING transaction_id, posting_index, entry_id)");
            sep = ", ";
        }
        if (shards > 0) {
            sql.append(sep).append("u AS (").append(SET_SHARDS);
            for (int i = 0; i < shards; i++) {
                sql.append(i == 0 ? "" : ", ").append(SHARD_ROW);
            }
            sql.append(SET_SHARDS_TAIL).append(')');
            sep = ", ";
        }
        if (unclaimed > 0) {
            sql.append(sep).append("dt AS (").append(UNCLAIM_TRANSACTIONS);
            marks(sql, unclaimed);
            sql.append(")), dx AS (").append(UNCLAIM_OUTBOX);
            marks(sql, unclaimedOutbox);
            sql.append("))");
        }
        sql.append(entries > 0 ? " SELECT transaction_id, posting_index, entry_id FROM e" : " " + NO_ENTRIES);
        if (commit) {
            sql.append("; COMMIT");
        }
        return sql.toString();
    }

    private static void marks(StringBuilder sql, int n) {
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
    }
}
