package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Sql.*;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.PostingGuard;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies a batch of transaction requests inside one database transaction: claims the keys and writes the outbox
 * messages, locks the balance shards in one global order, checks every posting with the ledger's guard, and writes
 * entries and balances. The caller commits.
 */
final class TransactionWriter {
    private TransactionWriter() {}

    /** Applies the batch inside the open database transaction; the caller commits. */
    static AppliedTransaction[] applyIn(Connection c, TransactionRequest[] reqs, Clock clock) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AppliedTransaction[] results = new AppliedTransaction[reqs.length];
        long[] ids = claimAll(c, reqs, now, results);

        // Plan: every account posted to, and whether its whole balance must be locked and read.
        TreeMap<String, Account> accounts = new TreeMap<>();
        boolean any = false;
        for (int r = 0; r < reqs.length; r++) {
            if (results[r] != null) {
                continue;
            }
            any = true;
            for (Posting p : reqs[r].postings()) {
                Account a = accounts.computeIfAbsent(p.account().toString(), n -> new Account(p.account()));
                if (p.amount() < 0 && p.account().type().isMember()) {
                    a.whole = true;
                }
            }
        }
        if (!any) {
            return results;
        }
        lockAccounts(c, accounts);
        long[][] after = check(reqs, results, accounts);
        Map<Long, long[]> entryIds = write(c, reqs, ids, results, accounts, after, now);

        for (int r = 0; r < reqs.length; r++) {
            if (results[r] != null) {
                continue;
            }
            TransactionRequest req = reqs[r];
            List<Posting> postings = req.postings();
            long[] seq = entryIds.get(ids[r]);
            List<Entry> entries = new ArrayList<>(postings.size());
            Map<AccountId, Long> balancesAfter = new HashMap<>();
            for (int p = 0; p < postings.size(); p++) {
                Posting posting = postings.get(p);
                entries.add(new Entry(ids[r], seq[p], posting.account(), posting.amount(), req.kind(), now));
                if (accounts.get(posting.account().toString()).whole) {
                    balancesAfter.put(posting.account(), after[r][p]);
                }
            }
            results[r] = AppliedTransaction.of(
                    ids[r], req.key(), req.kind(), req.fingerprint(), req.attributes(), now, entries, balancesAfter);
        }
        return results;
    }

    /**
     * Claims every key with one multi-row insert, rows in key order so that two batches never wait for each other's
     * keys in a cycle, and writes the outbox message of each claimed key. A key applied before gets its replayed result
     * in {@code results}; the others get their new transaction id. A key held by a transaction still in flight makes
     * the insert wait for it to commit or roll back.
     */
    private static long[] claimAll(Connection c, TransactionRequest[] reqs, Instant now, AppliedTransaction[] results)
            throws SQLException {
        Integer[] order = new Integer[reqs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> reqs[i].key().value()));
        Map<String, Long> claimed = new HashMap<>();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        for (int from = 0; from < order.length; from += CLAIMS_PER_INSERT) {
            int to = Math.min(order.length, from + CLAIMS_PER_INSERT);
            StringBuilder sql = new StringBuilder(CLAIM_HEAD);
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "" : ", ").append("(?, ?, ?, ?, ?)");
            }
            sql.append(CLAIM_TAIL);
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (int i = from; i < to; i++) {
                    TransactionRequest req = reqs[order[i]];
                    s.setString(k++, req.key().value());
                    s.setString(k++, req.kind());
                    s.setString(k++, req.fingerprint().value());
                    s.setString(k++, Text.encode(req.attributes()));
                    s.setObject(k++, at);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimed.put(rs.getString(2), rs.getLong(1));
                    }
                }
            }
        }
        long[] ids = new long[reqs.length];
        for (int i = 0; i < reqs.length; i++) {
            TransactionRequest req = reqs[i];
            Long id = claimed.get(req.key().value());
            if (id != null) {
                ids[i] = id;
                continue;
            }
            AppliedTransaction first = PostgresLedgerStore.load(c, req.key())
                    .orElseThrow(() -> new IllegalStateException("key " + req.key() + " is claimed but not found"));
            if (!first.fingerprint().equals(req.fingerprint())) {
                throw new IdempotencyConflictException(req.key());
            }
            results[i] = first.asReplay();
        }
        return ids;
    }

    /**
     * Locks what the batch posts to, in one statement whose parts run in account-name order: one global lock order,
     * so that two transactions never wait for each other in a cycle. A debited member account has all its shards
     * locked and its exact balance read; any other account has one shard locked, the first that no other transaction
     * holds. An account left without a free shard gets one the slow way, see {@link #lockOneShard}.
     */
    private static void lockAccounts(Connection c, TreeMap<String, Account> accounts) throws SQLException {
        Account[] slots = accounts.values().toArray(new Account[0]);
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < slots.length; i++) {
            // A locking clause is not allowed on a UNION's own parts, but is in a subquery in FROM.
            sql.append(i == 0 ? "" : " UNION ALL ")
                    .append("SELECT * FROM (")
                    .append(slots[i].whole ? LOCK_ALL_SHARDS : LOCK_FREE_SHARD)
                    .append(") AS l")
                    .append(i);
        }
        Map<Integer, List<long[]>> rows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < slots.length; i++) {
                s.setInt(2 * i + 1, i);
                s.setString(2 * i + 2, slots[i].name);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    BigDecimal others = rs.getBigDecimal(4);
                    rows.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new long[] {
                        rs.getInt(2), rs.getLong(3), others == null ? 0 : exactLong(slots[rs.getInt(1)], others)
                    });
                }
            }
        }
        for (int i = 0; i < slots.length; i++) {
            Account a = slots[i];
            List<long[]> locked = rows.get(i);
            if (locked == null) {
                if (a.whole) {
                    throw new UnknownAccountException(a.id);
                }
                lockOneShard(c, a);
                continue;
            }
            a.shards = new int[locked.size()];
            a.shardValues = new long[locked.size()];
            long total = 0;
            for (int j = 0; j < locked.size(); j++) {
                a.shards[j] = (int) locked.get(j)[0];
                a.shardValues[j] = locked.get(j)[1];
                total = exactSum(a, total, a.shardValues[j]);
            }
            // A whole account's rows inserted by transactions that commit later are not seen: its sum may be low,
            // never high. A one-shard account's total only serves the overflow check.
            a.total = a.whole ? total : exactSum(a, total, locked.get(0)[2]);
        }
    }

    private static long exactSum(Account a, long x, long y) {
        try {
            return Math.addExact(x, y);
        } catch (ArithmeticException e) {
            throw new IllegalStateException("balance of " + a.id + " is beyond the range of a long", e);
        }
    }

    private static long exactLong(Account a, BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("balance of " + a.id + " is beyond the range of a long", e);
        }
    }

    /**
     * Locks one shard of an account that the batch only credits, or of a system account, when every shard is held by
     * other transactions: adds a shard while there are fewer than {@link #PostgresLedgerStore.MAX_SHARDS}, else waits for a random one.
     * This breaks the account-name lock order, so it may deadlock; the deadlock is detected and the request retried.
     */
    private static void lockOneShard(Connection c, Account a) throws SQLException {
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

    private static boolean readShard(PreparedStatement s, Account a) throws SQLException {
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

    /**
     * Checks every posting against the balances read under lock, in request and posting order, and computes the
     * balances after each posting. Nothing has been written to the ledger yet if this throws.
     */
    private static long[][] check(
            TransactionRequest[] reqs, AppliedTransaction[] results, Map<String, Account> accounts) {
        long[][] after = new long[reqs.length][];
        for (int r = 0; r < reqs.length; r++) {
            if (results[r] != null) {
                continue;
            }
            List<Posting> postings = reqs[r].postings();
            after[r] = new long[postings.size()];
            for (int p = 0; p < postings.size(); p++) {
                Posting posting = postings.get(p);
                Account a = accounts.get(posting.account().toString());
                long before = a.total;
                long next = PostingGuard.after(posting, before);
                long shard;
                try {
                    // A whole account is folded into its first shard, which then holds the total.
                    shard = a.whole ? next : Math.addExact(a.shardValues[0], posting.amount());
                } catch (ArithmeticException e) {
                    throw new BalanceOverflowException(posting.account(), a.shardValues[0], posting.amount());
                }
                a.total = next;
                a.shardValues[0] = shard;
                after[r][p] = next;
            }
        }
        return after;
    }

    /**
     * Writes the entries of the applied requests in apply order and the new shard values, in one statement when the
     * batch is not huge. Returns the entry ids by transaction, in posting order. A debited account's balance is folded
     * into its first shard and its other shards are zeroed (all are locked by this transaction), which keeps reads
     * cheap.
     */
    private static Map<Long, long[]> write(
            Connection c,
            TransactionRequest[] reqs,
            long[] ids,
            AppliedTransaction[] results,
            Map<String, Account> accounts,
            long[][] after,
            Instant now)
            throws SQLException {
        List<Object[]> entries = new ArrayList<>();
        Map<Long, long[]> entryIds = new HashMap<>();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        for (int r = 0; r < reqs.length; r++) {
            if (results[r] != null) {
                continue;
            }
            List<Posting> postings = reqs[r].postings();
            entryIds.put(ids[r], new long[postings.size()]);
            for (int p = 0; p < postings.size(); p++) {
                Posting posting = postings.get(p);
                boolean whole = accounts.get(posting.account().toString()).whole;
                entries.add(new Object[] {
                    ids[r],
                    p,
                    posting.account().toString(),
                    posting.amount(),
                    whole ? after[r][p] : null,
                    reqs[r].kind(),
                    at
                });
            }
        }
        List<Object[]> shards = new ArrayList<>();
        for (Account a : accounts.values()) {
            shards.add(new Object[] {a.name, a.shards[0], a.whole ? a.total : a.shardValues[0]});
            for (int i = 1; i < a.shards.length; i++) {
                if (a.shardValues[i] != 0) {
                    shards.add(new Object[] {a.name, a.shards[i], 0L});
                }
            }
        }
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            int to = Math.min(entries.size(), from + ROWS_PER_INSERT);
            boolean last = to == entries.size();
            StringBuilder sql = new StringBuilder("WITH e AS (").append(INSERT_ENTRIES);
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "" : ", ").append(ENTRY_ROW);
            }
            // PostgreSQL evaluates the identity default row by row in VALUES order: ids increase in apply order.
            sql.append(" RETURNING transaction_id, posting_index, entry_id)");
            if (last) {
                sql.append(", u AS (").append(SET_SHARDS);
                for (int i = 0; i < shards.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append(SHARD_ROW);
                }
                sql.append(SET_SHARDS_TAIL).append(')');
            }
            sql.append(" SELECT transaction_id, posting_index, entry_id FROM e");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (int i = from; i < to; i++) {
                    Object[] row = entries.get(i);
                    s.setLong(k++, (Long) row[0]);
                    s.setInt(k++, (Integer) row[1]);
                    s.setString(k++, (String) row[2]);
                    s.setLong(k++, (Long) row[3]);
                    if (row[4] == null) {
                        s.setNull(k++, Types.BIGINT);
                    } else {
                        s.setLong(k++, (Long) row[4]);
                    }
                    s.setString(k++, (String) row[5]);
                    s.setObject(k++, row[6]);
                }
                if (last) {
                    for (Object[] row : shards) {
                        s.setString(k++, (String) row[0]);
                        s.setInt(k++, (Integer) row[1]);
                        s.setLong(k++, (Long) row[2]);
                    }
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entryIds.get(rs.getLong(1))[rs.getInt(2)] = rs.getLong(3);
                    }
                }
            }
        }
        return entryIds;
    }

    /** What one transaction knows and holds of one account. */
    private static final class Account {
        final AccountId id;
        final String name;
        /** Whether every shard is locked and {@link #total} is exact (the batch debits this member account). */
        boolean whole;
        /** The locked shards, lowest first; postings go to the first. */
        int[] shards;
        /** The locked shards' balances, updated as postings are checked. */
        long[] shardValues;
        /** The account's balance as read under lock, updated as postings are checked. */
        long total;

        Account(AccountId id) {
            this.id = id;
            this.name = id.toString();
        }
    }
}
