package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Sql.*;

import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.LedgerException;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.PostingGuard;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies transaction requests inside one database transaction: claims the keys, writes the outbox messages and locks
 * the balance shards in one round trip (one global order: keys, then account names), checks every posting with the
 * ledger's guard, and writes entries and balances in a second. The caller commits.
 *
 * <p>The requests come in units: a unit is one {@code applyAll} batch, all or nothing. {@link #applyIn} applies one
 * unit and throws its refusal; {@link #applyUnits} applies several (a group commit) and leaves a refused unit out
 * while the others are applied: its claims are deleted again in the same transaction, so no one ever sees them.
 */
final class TransactionWriter {
    private TransactionWriter() {}

    /**
     * Applies one batch inside the open database transaction, all or nothing. If {@code commit}, the statement that
     * writes the batch also commits the transaction (it is the transaction's last); the caller commits in any case,
     * which the driver skips when no transaction is open.
     */
    static AppliedTransaction[] applyIn(Connection c, TransactionRequest[] reqs, Clock clock, boolean commit)
            throws SQLException {
        Group g = new Group(List.<TransactionRequest[]>of(reqs), false, commit);
        g.apply(c, clock);
        return g.unitResults(0);
    }

    /**
     * Applies several batches inside the open database transaction, each all or nothing, with distinct keys across
     * batches. A batch the ledger refuses is left out, with nothing of it written, and its outcome carries the
     * refusal; the others are applied. {@code commit} as for {@link #applyIn}.
     */
    static Outcome[] applyUnits(Connection c, List<TransactionRequest[]> units, Clock clock, boolean commit)
            throws SQLException {
        Group g = new Group(units, true, commit);
        g.apply(c, clock);
        Outcome[] outcomes = new Outcome[units.size()];
        for (int u = 0; u < outcomes.length; u++) {
            outcomes[u] = g.refused[u] != null ? new Outcome(null, g.refused[u]) : new Outcome(g.unitResults(u), null);
        }
        return outcomes;
    }

    /** The outcome of one unit of a group: its results, or the ledger's refusal. */
    static final class Outcome {
        final AppliedTransaction[] results;
        final LedgerException refusal;

        Outcome(AppliedTransaction[] results, LedgerException refusal) {
            this.results = results;
            this.refusal = refusal;
        }
    }

    /** One database transaction's requests and what it learns and holds while applying them. */
    private static final class Group {
        final TransactionRequest[] reqs;
        final int[] unitOf;
        final int[] unitStart;
        /** Whether a refused unit is left out (group commit) rather than thrown (one batch). */
        final boolean isolate;
        /** Whether the write statement also commits. */
        final boolean commit;

        final LedgerException[] refused;
        final AppliedTransaction[] results;
        /** Claimed transaction ids; 0 for a key found already applied. */
        final long[] ids;
        /** Outbox positions of the claimed keys. */
        final long[] positions;

        TreeMap<String, Account> accounts;
        long[][] after;
        /** By unit, the accounts its applied requests debit; filled once the outcomes are known. */
        final Map<Integer, Set<AccountId>> debitedByUnit = new HashMap<>();

        Instant now;

        Group(List<TransactionRequest[]> units, boolean isolate, boolean commit) {
            int n = 0;
            for (TransactionRequest[] unit : units) {
                n += unit.length;
            }
            this.reqs = new TransactionRequest[n];
            this.unitOf = new int[n];
            this.unitStart = new int[units.size() + 1];
            int r = 0;
            for (int u = 0; u < units.size(); u++) {
                unitStart[u] = r;
                for (TransactionRequest req : units.get(u)) {
                    reqs[r] = req;
                    unitOf[r++] = u;
                }
            }
            unitStart[units.size()] = n;
            this.isolate = isolate;
            this.commit = commit;
            this.refused = new LedgerException[units.size()];
            this.results = new AppliedTransaction[n];
            this.ids = new long[n];
            this.positions = new long[n];
            this.after = new long[n][];
        }

        AppliedTransaction[] unitResults(int u) {
            return Arrays.copyOfRange(results, unitStart[u], unitStart[u + 1]);
        }

        /** Whether request {@code r} is still to be written: not a replay, and its unit not refused. */
        boolean live(int r) {
            return results[r] == null && refused[unitOf[r]] == null;
        }

        void refuse(int unit, LedgerException e) {
            if (!isolate) {
                throw e;
            }
            if (refused[unit] == null) {
                refused[unit] = e;
            }
        }

        void apply(Connection c, Clock clock) throws SQLException {
            now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            // Every account any request posts to, and whether its whole balance must be locked and read. Replays and
            // refusals are known only after the claim; the accounts they alone post to are locked for nothing.
            accounts = new TreeMap<>();
            for (TransactionRequest req : reqs) {
                for (Posting p : req.postings()) {
                    Account a = accounts.computeIfAbsent(p.account().toString(), k -> new Account(p.account()));
                    if (p.amount() < 0 && p.account().type().isMember()) {
                        a.whole = true;
                    }
                }
            }
            Account[] slots = accounts.values().toArray(new Account[0]);
            if (reqs.length <= CLAIMS_PER_INSERT) {
                Map<Integer, List<long[]>> rows = claimAndLock(c, slots);
                resolve(c);
                finishLocks(c, slots, rows);
            } else {
                claimAll(c);
                resolve(c);
                Account[] used = markUsed().toArray(new Account[0]);
                if (used.length > 0) {
                    Map<Integer, List<long[]>> rows;
                    try (PreparedStatement s = c.prepareStatement(ShardLocks.lockSql(used))) {
                        ShardLocks.bindLocks(s, 1, used);
                        try (ResultSet rs = s.executeQuery()) {
                            rows = ShardLocks.readLocks(rs, used);
                        }
                    }
                    finishLocks(c, used, rows);
                }
            }
            check();
            Map<Long, long[]> entryIds = write(c);
            for (int r = 0; r < reqs.length; r++) {
                if (!live(r)) {
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
                    if (recordsBalance(r, posting)) {
                        balancesAfter.put(posting.account(), after[r][p]);
                    }
                }
                results[r] = AppliedTransaction.of(
                        ids[r],
                        req.key(),
                        req.kind(),
                        req.fingerprint(),
                        req.attributes(),
                        now,
                        entries,
                        balancesAfter);
            }
            // A refused unit's replays are not its result.
            for (int u = 0; u < refused.length; u++) {
                if (refused[u] != null) {
                    Arrays.fill(results, unitStart[u], unitStart[u + 1], null);
                }
            }
        }

        /** The accounts posted to by live requests, marked {@code used}, in name order. */
        List<Account> markUsed() {
            for (Account a : accounts.values()) {
                a.used = false;
            }
            List<Account> used = new ArrayList<>();
            for (int r = 0; r < reqs.length; r++) {
                if (!live(r)) {
                    continue;
                }
                for (Posting p : reqs[r].postings()) {
                    accounts.get(p.account().toString()).used = true;
                }
            }
            for (Account a : accounts.values()) {
                if (a.used) {
                    used.add(a);
                }
            }
            return used;
        }

        /**
         * Whether the entry of this posting records the balance after it: for a member account that a live request of
         * the same unit debits, whose whole balance is then locked and exact (what the port requires).
         */
        boolean recordsBalance(int r, Posting posting) {
            if (!posting.account().type().isMember()) {
                return false;
            }
            return debitedByUnit
                    .computeIfAbsent(unitOf[r], u -> {
                        Set<AccountId> debited = new HashSet<>();
                        for (int q = unitStart[u]; q < unitStart[u + 1]; q++) {
                            if (results[q] == null) {
                                for (Posting p : reqs[q].postings()) {
                                    if (p.amount() < 0) {
                                        debited.add(p.account());
                                    }
                                }
                            }
                        }
                        return debited;
                    })
                    .contains(posting.account());
        }

        Integer[] keyOrder() {
            Integer[] order = new Integer[reqs.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing(i -> reqs[i].key().value()));
            return order;
        }

        int bindClaims(PreparedStatement s, int k, Integer[] order, int from, int to) throws SQLException {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            for (int i = from; i < to; i++) {
                TransactionRequest req = reqs[order[i]];
                s.setString(k++, req.key().value());
                s.setString(k++, req.kind());
                s.setString(k++, req.fingerprint().value());
                s.setString(k++, Text.encode(req.attributes()));
                s.setObject(k++, at);
            }
            return k;
        }

        void readClaims(ResultSet rs, Map<String, long[]> claimed) throws SQLException {
            while (rs.next()) {
                claimed.put(rs.getString(2), new long[] {rs.getLong(1), rs.getLong(3)});
            }
        }

        void recordClaims(Map<String, long[]> claimed) {
            for (int i = 0; i < reqs.length; i++) {
                long[] claim = claimed.get(reqs[i].key().value());
                ids[i] = claim == null ? 0 : claim[0];
                positions[i] = claim == null ? 0 : claim[1];
            }
        }

        /**
         * Claims every key (at most {@link Sql#CLAIMS_PER_INSERT}) and locks every account, in one round trip: two
         * statements in one message, which the server runs one after the other, so a key held by a transaction in
         * flight is waited for before any account is locked (the order of the two-step version). Returns the locked
         * rows by account slot.
         */
        Map<Integer, List<long[]>> claimAndLock(Connection c, Account[] slots) throws SQLException {
            Integer[] order = keyOrder();
            String sql = claimSql(reqs.length) + "; " + ShardLocks.lockSql(slots);
            Map<String, long[]> claimed = new HashMap<>();
            Map<Integer, List<long[]>> rows;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int k = bindClaims(s, 1, order, 0, reqs.length);
                ShardLocks.bindLocks(s, k, slots);
                if (!s.execute()) {
                    throw new IllegalStateException("the claim returned no rows");
                }
                try (ResultSet rs = s.getResultSet()) {
                    readClaims(rs, claimed);
                }
                if (!s.getMoreResults()) {
                    throw new IllegalStateException("the locks returned no rows");
                }
                try (ResultSet rs = s.getResultSet()) {
                    rows = ShardLocks.readLocks(rs, slots);
                }
            }
            recordClaims(claimed);
            return rows;
        }

        /**
         * Claims every key with multi-row inserts, rows in key order so that two transactions never wait for each
         * other's keys in a cycle, and writes the outbox message of each claimed key: the way for more keys than one
         * statement takes. A key held by a transaction still in flight makes the insert wait for it to commit or roll
         * back.
         */
        void claimAll(Connection c) throws SQLException {
            Integer[] order = keyOrder();
            Map<String, long[]> claimed = new HashMap<>();
            for (int from = 0; from < order.length; from += CLAIMS_PER_INSERT) {
                int to = Math.min(order.length, from + CLAIMS_PER_INSERT);
                try (PreparedStatement s = c.prepareStatement(claimSql(to - from))) {
                    bindClaims(s, 1, order, from, to);
                    try (ResultSet rs = s.executeQuery()) {
                        readClaims(rs, claimed);
                    }
                }
            }
            recordClaims(claimed);
        }

        /**
         * Gives every request whose key was applied before its replayed result, or refuses its unit if the request
         * differs from the first (the fingerprints differ).
         */
        void resolve(Connection c) throws SQLException {
            for (int i = 0; i < reqs.length; i++) {
                TransactionRequest req = reqs[i];
                if (ids[i] != 0 || refused[unitOf[i]] != null) {
                    continue;
                }
                AppliedTransaction first = PostgresLedgerStore.load(c, req.key())
                        .orElseThrow(() -> new IllegalStateException("key " + req.key() + " is claimed but not found"));
                if (!first.fingerprint().equals(req.fingerprint())) {
                    refuse(unitOf[i], new IdempotencyConflictException(req.key()));
                } else {
                    results[i] = first.asReplay();
                }
            }
        }

        /**
         * Records the locked shards of every account a live request posts to. An account without a locked row is
         * handled one by one: a debited (whole) account without rows does not exist; another gets a shard the slow way
         * ({@link #lockOneShard}).
         */
        void finishLocks(Connection c, Account[] slots, Map<Integer, List<long[]>> rows) throws SQLException {
            markUsed();
            for (int i = 0; i < slots.length; i++) {
                Account a = slots[i];
                if (!a.used) {
                    continue;
                }
                List<long[]> locked = rows.get(i);
                if (locked == null) {
                    try {
                        if (a.whole) {
                            throw new UnknownAccountException(a.id);
                        }
                        ShardLocks.lockOneShard(c, a);
                    } catch (UnknownAccountException e) {
                        refuseUsersOf(a, e);
                    }
                    continue;
                }
                a.shards = new int[locked.size()];
                a.shardValues = new long[locked.size()];
                long total = 0;
                for (int j = 0; j < locked.size(); j++) {
                    a.shards[j] = (int) locked.get(j)[0];
                    a.shardValues[j] = locked.get(j)[1];
                    total = ShardLocks.exactSum(a, total, a.shardValues[j]);
                }
                // A whole account's rows inserted by transactions that commit later are not seen: its sum may be low,
                // never high. A one-shard account's total only serves the overflow check.
                a.total = a.whole ? total : ShardLocks.exactSum(a, total, locked.get(0)[2]);
            }
        }

        void refuseUsersOf(Account a, UnknownAccountException e) {
            for (int r = 0; r < reqs.length; r++) {
                if (!live(r)) {
                    continue;
                }
                for (Posting p : reqs[r].postings()) {
                    if (p.account().equals(a.id)) {
                        refuse(unitOf[r], e);
                        break;
                    }
                }
            }
            // Accounts that only the refused units posted to need no lock now.
            markUsed();
        }

        /**
         * Checks every posting against the balances read under lock, unit by unit, request by request, posting by
         * posting, and computes the balances after each posting. A refused unit's postings are undone from the running
         * balances before the next unit is checked. Nothing has been written to the ledger yet.
         */
        void check() {
            for (int u = 0; u < refused.length; u++) {
                if (refused[u] != null) {
                    continue;
                }
                Map<Account, long[]> saved = new HashMap<>();
                try {
                    for (int r = unitStart[u]; r < unitStart[u + 1]; r++) {
                        if (results[r] != null) {
                            continue;
                        }
                        List<Posting> postings = reqs[r].postings();
                        after[r] = new long[postings.size()];
                        for (int p = 0; p < postings.size(); p++) {
                            Posting posting = postings.get(p);
                            Account a = accounts.get(posting.account().toString());
                            saved.computeIfAbsent(a, x -> new long[] {x.total, x.shardValues[0]});
                            long next = PostingGuard.after(posting, a.total);
                            long shard;
                            try {
                                // A whole account is folded into its first shard, which then holds the total.
                                shard = a.whole ? next : Math.addExact(a.shardValues[0], posting.amount());
                            } catch (ArithmeticException e) {
                                throw new BalanceOverflowException(
                                        posting.account(), a.shardValues[0], posting.amount());
                            }
                            a.total = next;
                            a.shardValues[0] = shard;
                            a.written = true;
                            after[r][p] = next;
                        }
                    }
                } catch (LedgerException e) {
                    for (Map.Entry<Account, long[]> s : saved.entrySet()) {
                        s.getKey().total = s.getValue()[0];
                        s.getKey().shardValues[0] = s.getValue()[1];
                    }
                    refuse(u, e);
                }
            }
            // An account that only refused units posted to keeps its rows as they are.
            for (Account a : accounts.values()) {
                a.written = false;
            }
            for (int r = 0; r < reqs.length; r++) {
                if (live(r)) {
                    for (Posting p : reqs[r].postings()) {
                        accounts.get(p.account().toString()).written = true;
                    }
                }
            }
        }

        /**
         * Writes the entries of the applied requests in apply order and the new shard values, in one statement when
         * the group is not huge, and deletes the claims of refused units. Returns the entry ids by transaction, in
         * posting order. A debited account's balance is folded into its first shard and its other shards are zeroed
         * (all are locked by this transaction), which keeps reads cheap.
         */
        Map<Long, long[]> write(Connection c) throws SQLException {
            List<Object[]> entries = new ArrayList<>();
            Map<Long, long[]> entryIds = new HashMap<>();
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            List<Long> unclaimIds = new ArrayList<>();
            List<Long> unclaimPositions = new ArrayList<>();
            for (int r = 0; r < reqs.length; r++) {
                if (!live(r)) {
                    if (refused[unitOf[r]] != null && ids[r] != 0) {
                        unclaimIds.add(ids[r]);
                        unclaimPositions.add(positions[r]);
                    }
                    continue;
                }
                List<Posting> postings = reqs[r].postings();
                entryIds.put(ids[r], new long[postings.size()]);
                for (int p = 0; p < postings.size(); p++) {
                    Posting posting = postings.get(p);
                    entries.add(new Object[] {
                        ids[r],
                        p,
                        posting.account().toString(),
                        posting.amount(),
                        recordsBalance(r, posting) ? after[r][p] : null,
                        reqs[r].kind(),
                        at
                    });
                }
            }
            List<Object[]> shards = new ArrayList<>();
            for (Account a : accounts.values()) {
                if (!a.written) {
                    continue;
                }
                shards.add(new Object[] {a.name, a.shards[0], a.whole ? a.total : a.shardValues[0]});
                for (int i = 1; i < a.shards.length; i++) {
                    if (a.shardValues[i] != 0) {
                        shards.add(new Object[] {a.name, a.shards[i], 0L});
                    }
                }
            }
            if (entries.isEmpty() && unclaimIds.isEmpty()) {
                return entryIds;
            }
            int from = 0;
            do {
                int to = Math.min(entries.size(), from + ROWS_PER_INSERT);
                boolean last = to == entries.size();
                // Nothing follows the last write: its COMMIT travels in the same message (pgjdbc sends the two
                // statements together and waits once). If the write fails, the server skips the COMMIT and the
                // transaction is rolled back as usual.
                String sql = writeSql(
                        to - from,
                        last ? shards.size() : 0,
                        last ? unclaimIds.size() : 0,
                        last ? unclaimPositions.size() : 0,
                        last && commit);
                try (PreparedStatement s = c.prepareStatement(sql)) {
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
                        for (long id : unclaimIds) {
                            s.setLong(k++, id);
                        }
                        for (long position : unclaimPositions) {
                            s.setLong(k++, position);
                        }
                    }
                    if (!s.execute()) {
                        throw new IllegalStateException("the write returned no rows");
                    }
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) {
                            entryIds.get(rs.getLong(1))[rs.getInt(2)] = rs.getLong(3);
                        }
                    }
                }
                from = to;
            } while (from < entries.size());
            return entryIds;
        }
    }
}
