package dev.coinage.store.jdbc;

import dev.coinage.BalanceOverflowException;
import dev.coinage.IdempotencyConflictException;
import dev.coinage.IdempotencyKey;
import dev.coinage.InsufficientBalanceException;
import dev.coinage.UnknownAccountException;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A {@link LedgerStore} in PostgreSQL 14 or newer, reached through a {@link DataSource} that the host supplies and
 * pools. Many application instances may share one database. The tables are created by {@link PostgresSchema} or by the
 * host's Flyway; {@code docs/postgres.md} describes them and the concurrency design.
 *
 * <p>In short: every request runs in one database transaction at the data source's isolation level (READ COMMITTED or
 * stronger). It first claims its idempotency key with a unique insert, then locks what it posts to in one global order
 * (account name): every shard of an account it debits (member accounts only; the guard sees their exact sum), and one
 * free shard (SKIP LOCKED) of an account it only credits, or of a system account. So debits from one wallet serialise,
 * as they must, while gifts to one creator and postings to the system accounts spread over several rows instead of
 * queueing on one. Serialization failures ({@code 40001}) and deadlocks ({@code 40P01}) are retried with bounded,
 * jittered exponential backoff; other database failures surface as {@link StoreUnavailableException}.
 *
 * <p>The store is also the {@link TransactionOutbox} of its ledger: every applied transaction writes one outbox message
 * in the same database transaction.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PostgresLedgerStore implements LedgerStore, TransactionOutbox {
    /** Most shards one account's balance is spread over. */
    static final int MAX_SHARDS = 16;

    /** Most attempts of one operation that keeps failing with a serialization failure or a deadlock. */
    static final int MAX_ATTEMPTS = 16;

    private static final long BASE_BACKOFF_MICROS = 500;
    private static final long MAX_BACKOFF_MICROS = 200_000;
    private static final int ROWS_PER_INSERT = 1000;

    private static final String CLAIM = "WITH t AS (INSERT INTO coinage_transaction "
            + "(idempotency_key, kind, fingerprint, attributes, committed_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (idempotency_key) DO NOTHING "
            + "RETURNING transaction_id, idempotency_key, kind, attributes, committed_at) "
            + "INSERT INTO coinage_outbox (transaction_id, idempotency_key, kind, attributes, committed_at) "
            + "SELECT transaction_id, idempotency_key, kind, attributes, committed_at FROM t RETURNING transaction_id";
    private static final String LOAD = "SELECT t.transaction_id, t.kind, t.fingerprint, t.attributes, t.committed_at, "
            + "e.entry_id, e.account_id, e.amount, e.balance_after FROM coinage_transaction t "
            + "LEFT JOIN coinage_entry e ON e.transaction_id = t.transaction_id "
            + "WHERE t.idempotency_key = ? ORDER BY e.posting_index";
    private static final String LOCK_ALL_SHARDS =
            "SELECT shard, balance FROM coinage_balance_shard WHERE account_id = ? ORDER BY shard FOR UPDATE";
    private static final String OTHER_SHARDS = "(SELECT COALESCE(SUM(o.balance), 0) FROM coinage_balance_shard o "
            + "WHERE o.account_id = b.account_id AND o.shard <> b.shard)";
    private static final String LOCK_FREE_SHARD = "SELECT b.shard, b.balance, " + OTHER_SHARDS
            + " FROM coinage_balance_shard b WHERE b.account_id = ? ORDER BY b.shard LIMIT 1 FOR UPDATE SKIP LOCKED";
    private static final String LOCK_SHARD = "SELECT b.shard, b.balance, " + OTHER_SHARDS
            + " FROM coinage_balance_shard b WHERE b.account_id = ? AND b.shard = ? FOR UPDATE";
    private static final String SHARD_COUNT =
            "SELECT a.account_id, (SELECT COUNT(*) FROM coinage_balance_shard s WHERE s.account_id = a.account_id) "
                    + "FROM coinage_account a WHERE a.account_id = ?";
    private static final String ADD_SHARD = "INSERT INTO coinage_balance_shard (account_id, shard, balance) "
            + "VALUES (?, ?, 0) ON CONFLICT (account_id, shard) DO NOTHING";
    private static final String SET_SHARD =
            "UPDATE coinage_balance_shard SET balance = ? WHERE account_id = ? AND shard = ?";
    private static final String INSERT_ENTRIES = "INSERT INTO coinage_entry "
            + "(transaction_id, posting_index, account_id, amount, balance_after, kind, committed_at) VALUES ";
    private static final String ENTRY_ROW = "(?, ?, ?, ?, ?, ?, ?)";
    private static final String OPEN =
            "WITH a AS (INSERT INTO coinage_account (account_id, account_type) VALUES (?, ?) "
                    + "ON CONFLICT (account_id) DO NOTHING RETURNING account_id) "
                    + "INSERT INTO coinage_balance_shard (account_id, shard, balance) SELECT account_id, 0, 0 FROM a";
    private static final String EXISTS = "SELECT 1 FROM coinage_account WHERE account_id = ?";
    private static final String BALANCE = "SELECT SUM(balance) FROM coinage_balance_shard WHERE account_id = ?";
    private static final String PAGE_COLUMNS =
            "SELECT entry_id, transaction_id, amount, kind, committed_at FROM coinage_entry WHERE account_id = ? ";
    private static final String PAGE_OLDEST = PAGE_COLUMNS + "AND entry_id > ? ORDER BY entry_id LIMIT ?";
    private static final String PAGE_NEWEST = PAGE_COLUMNS + "AND entry_id < ? ORDER BY entry_id DESC LIMIT ?";
    private static final String SNAPSHOT =
            "SELECT account_id, SUM(balance) FROM coinage_balance_shard GROUP BY account_id";
    private static final String POLL =
            "SELECT position, transaction_id, idempotency_key, kind, attributes, committed_at "
                    + "FROM coinage_outbox ORDER BY position LIMIT ?";
    private static final String ACKNOWLEDGE = "DELETE FROM coinage_outbox WHERE position = ?";

    private final DataSource dataSource;
    private final Clock clock;

    private PostgresLedgerStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a store over the given data source whose entries are stamped by the system clock. The schema must exist
     * (see {@link PostgresSchema#migrate}).
     *
     * @param dataSource a pooled data source of a PostgreSQL 14+ database, READ COMMITTED or stronger, not null
     * @return the store, never null
     */
    public static PostgresLedgerStore create(DataSource dataSource) {
        return new PostgresLedgerStore(dataSource, Clock.systemUTC());
    }

    /**
     * Creates a store over the given data source whose entries are stamped by the given clock, at microsecond
     * precision. The schema must exist (see {@link PostgresSchema#migrate}).
     *
     * @param dataSource a pooled data source of a PostgreSQL 14+ database, READ COMMITTED or stronger, not null
     * @param clock the clock, not null
     * @return the store, never null
     */
    public static PostgresLedgerStore create(DataSource dataSource, Clock clock) {
        return new PostgresLedgerStore(dataSource, clock);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Accounts

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public void open(AccountId account) {
        Objects.requireNonNull(account, "account");
        run("open " + account, false, c -> {
            try (PreparedStatement s = c.prepareStatement(OPEN)) {
                s.setString(1, account.toString());
                s.setString(2, account.type().name());
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public boolean exists(AccountId account) {
        Objects.requireNonNull(account, "account");
        return run("read " + account, false, c -> exists(c, account.toString()));
    }

    private static boolean exists(Connection c, String account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EXISTS)) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Applying transactions

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails; retrying with the same key is safe
     */
    @Override
    public AppliedTransaction apply(TransactionRequest request) {
        Objects.requireNonNull(request, "request");
        return applyAll(List.of(request)).get(0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails; retrying with the same keys is safe
     */
    @Override
    public List<AppliedTransaction> applyAll(List<TransactionRequest> requests) {
        TransactionRequest[] reqs = checkBatch(requests);
        return run(
                "apply " + reqs[0].key() + (reqs.length > 1 ? " and " + (reqs.length - 1) + " more" : ""),
                true,
                c -> List.of(applyIn(c, reqs)));
    }

    private static TransactionRequest[] checkBatch(List<TransactionRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("requests must not be empty");
        }
        TransactionRequest[] reqs = requests.toArray(new TransactionRequest[0]);
        Set<IdempotencyKey> keys = new HashSet<>();
        for (int i = 0; i < reqs.length; i++) {
            Objects.requireNonNull(reqs[i], "requests[" + i + "]");
            if (!keys.add(reqs[i].key())) {
                throw new IllegalArgumentException("requests[" + i + "] repeats key " + reqs[i].key());
            }
        }
        return reqs;
    }

    /** Applies the batch inside the open database transaction; the caller commits. */
    private AppliedTransaction[] applyIn(Connection c, TransactionRequest[] reqs) throws SQLException {
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
        // One global lock order, the account name, so that two transactions never wait for each other in a cycle.
        for (Account a : accounts.values()) {
            if (a.whole) {
                lockWhole(c, a);
            } else {
                lockOneShard(c, a);
            }
        }
        long[][] after = check(reqs, results, accounts);
        Map<Long, long[]> entryIds = insertEntries(c, reqs, ids, results, accounts, after, now);
        writeBalances(c, accounts);

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
     * Claims every key, in key order so that two batches never wait for each other's keys in a cycle. A key applied
     * before gets its replayed result in {@code results}; the others get their new transaction id. An insert whose key
     * is held by a transaction still in flight waits for it to commit or roll back.
     */
    private static long[] claimAll(Connection c, TransactionRequest[] reqs, Instant now, AppliedTransaction[] results)
            throws SQLException {
        long[] ids = new long[reqs.length];
        Integer[] order = new Integer[reqs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> reqs[i].key().value()));
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            for (int i : order) {
                TransactionRequest req = reqs[i];
                s.setString(1, req.key().value());
                s.setString(2, req.kind());
                s.setString(3, req.fingerprint().value());
                s.setString(4, Text.encode(req.attributes()));
                s.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        ids[i] = rs.getLong(1);
                        continue;
                    }
                }
                AppliedTransaction first = load(c, req.key())
                        .orElseThrow(() -> new IllegalStateException("key " + req.key() + " is claimed but not found"));
                if (!first.fingerprint().equals(req.fingerprint())) {
                    throw new IdempotencyConflictException(req.key());
                }
                results[i] = first.asReplay();
            }
        }
        return ids;
    }

    /** Locks every shard of an account that the batch debits, and reads its exact balance. */
    private static void lockWhole(Connection c, Account a) throws SQLException {
        List<int[]> shards = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(LOCK_ALL_SHARDS)) {
            s.setString(1, a.name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    shards.add(new int[] {rs.getInt(1)});
                    values.add(rs.getLong(2));
                }
            }
        }
        if (shards.isEmpty()) {
            throw new UnknownAccountException(a.id);
        }
        a.shards = new int[shards.size()];
        a.shardValues = new long[shards.size()];
        long total = 0;
        for (int i = 0; i < a.shards.length; i++) {
            a.shards[i] = shards.get(i)[0];
            a.shardValues[i] = values.get(i);
            try {
                total = Math.addExact(total, a.shardValues[i]);
            } catch (ArithmeticException e) {
                throw new IllegalStateException("balance of " + a.id + " is beyond the range of a long", e);
            }
        }
        // Rows inserted by transactions that commit later are not seen: the sum may be low, never high.
        a.total = total;
    }

    /**
     * Locks one shard of an account that the batch only credits, or of a system account: the first that no other
     * transaction holds, or a new one if all are held. Its total is read for the overflow check only.
     */
    private static void lockOneShard(Connection c, Account a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK_FREE_SHARD)) {
            s.setString(1, a.name);
            if (readShard(s, a)) {
                return;
            }
        }
        int count;
        try (PreparedStatement s = c.prepareStatement(SHARD_COUNT)) {
            s.setString(1, a.name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownAccountException(a.id);
                }
                count = rs.getInt(2);
            }
        }
        int shard;
        if (count < MAX_SHARDS) {
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
                // The shard count was read before a concurrent debit folded it; shard 0 always exists.
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
            BigDecimal others = rs.getBigDecimal(3);
            BigDecimal total = others.add(BigDecimal.valueOf(a.shardValues[0]));
            try {
                a.total = total.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalStateException("balance of " + a.id + " is beyond the range of a long", e);
            }
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
                long next;
                long shard;
                try {
                    next = Math.addExact(before, posting.amount());
                    // A whole account is folded into its first shard, which then holds the total.
                    shard = a.whole ? next : Math.addExact(a.shardValues[0], posting.amount());
                } catch (ArithmeticException e) {
                    throw new BalanceOverflowException(posting.account(), before, posting.amount());
                }
                if (next < 0
                        && posting.amount() < 0
                        && !posting.intoDebt()
                        && posting.account().type().isMember()) {
                    throw InsufficientBalanceException.of(posting.account(), -posting.amount(), before);
                }
                a.total = next;
                a.shardValues[0] = shard;
                after[r][p] = next;
            }
        }
        return after;
    }

    /** Writes the entries of the applied requests in apply order; returns their ids by transaction, in posting order. */
    private static Map<Long, long[]> insertEntries(
            Connection c,
            TransactionRequest[] reqs,
            long[] ids,
            AppliedTransaction[] results,
            Map<String, Account> accounts,
            long[][] after,
            Instant now)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
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
                rows.add(new Object[] {
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
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            int to = Math.min(rows.size(), from + ROWS_PER_INSERT);
            StringBuilder sql = new StringBuilder(INSERT_ENTRIES);
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "" : ", ").append(ENTRY_ROW);
            }
            // PostgreSQL evaluates the identity default row by row in VALUES order: ids increase in apply order.
            sql.append(" RETURNING transaction_id, posting_index, entry_id");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (int i = from; i < to; i++) {
                    Object[] row = rows.get(i);
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
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entryIds.get(rs.getLong(1))[rs.getInt(2)] = rs.getLong(3);
                    }
                }
            }
        }
        return entryIds;
    }

    /**
     * Writes the new shard values. A debited account's balance is folded into its first shard and its other shards are
     * zeroed, which keeps reads cheap; all of them are locked by this transaction.
     */
    private static void writeBalances(Connection c, Map<String, Account> accounts) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SET_SHARD)) {
            for (Account a : accounts.values()) {
                if (a.whole) {
                    s.setLong(1, a.total);
                    s.setString(2, a.name);
                    s.setInt(3, a.shards[0]);
                    s.addBatch();
                    for (int i = 1; i < a.shards.length; i++) {
                        if (a.shardValues[i] != 0) {
                            s.setLong(1, 0);
                            s.setString(2, a.name);
                            s.setInt(3, a.shards[i]);
                            s.addBatch();
                        }
                    }
                } else {
                    s.setLong(1, a.shardValues[0]);
                    s.setString(2, a.name);
                    s.setInt(3, a.shards[0]);
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public Optional<AppliedTransaction> find(IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        return run("find " + key, false, c -> load(c, key));
    }

    private static Optional<AppliedTransaction> load(Connection c, IdempotencyKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOAD)) {
            s.setString(1, key.value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                String kind = rs.getString(2);
                Fingerprint fingerprint = Fingerprint.of(rs.getString(3));
                Map<String, String> attributes = Text.decode(rs.getString(4));
                Instant committedAt = instant(rs, 5);
                List<Entry> entries = new ArrayList<>();
                Map<AccountId, Long> balancesAfter = new HashMap<>();
                do {
                    AccountId account = AccountId.parse(rs.getString(7));
                    entries.add(new Entry(id, rs.getLong(6), account, rs.getLong(8), kind, committedAt));
                    long balanceAfter = rs.getLong(9);
                    if (!rs.wasNull()) {
                        balancesAfter.put(account, balanceAfter);
                    }
                } while (rs.next());
                return Optional.of(AppliedTransaction.of(
                        id, key, kind, fingerprint, attributes, committedAt, entries, balancesAfter));
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public long balance(AccountId account) {
        Objects.requireNonNull(account, "account");
        return run("read " + account, false, c -> {
            try (PreparedStatement s = c.prepareStatement(BALANCE)) {
                s.setString(1, account.toString());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    BigDecimal sum = rs.getBigDecimal(1);
                    if (sum == null) {
                        throw new UnknownAccountException(account);
                    }
                    return exactLong(account, sum);
                }
            }
        });
    }

    private static long exactLong(AccountId account, BigDecimal sum) {
        try {
            return sum.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("balance of " + account + " is beyond the range of a long: " + sum, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>An entry's sequence is its global entry id. Debits of an account are serialised, so the entries of an account
     * that is debited appear in sequence order; credits appended concurrently to one account can commit out of
     * sequence order, so a page read while they commit may later gain an older entry (see {@code docs/postgres.md}).
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public Page entries(AccountId account, PageRequest request) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(request, "request");
        return run("read entries of " + account, false, c -> {
            boolean oldest = request.order() == PageRequest.Order.OLDEST_FIRST;
            List<Entry> page = new ArrayList<>(Math.min(request.size(), 64));
            try (PreparedStatement s = c.prepareStatement(oldest ? PAGE_OLDEST : PAGE_NEWEST)) {
                s.setString(1, account.toString());
                long after = request.afterSequence();
                s.setLong(2, oldest || after > 0 ? after : Long.MAX_VALUE);
                s.setInt(3, request.size());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Entry(
                                rs.getLong(2), rs.getLong(1), account, rs.getLong(3), rs.getString(4), instant(rs, 5)));
                    }
                }
            }
            if (page.isEmpty() && !exists(c, account.toString())) {
                throw new UnknownAccountException(account);
            }
            return Page.of(request, page);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads every balance in one statement of a REPEATABLE READ transaction: one committed state of the ledger.
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public LedgerSnapshot snapshot() {
        return run("read a snapshot", false, c -> {
            Map<AccountId, Long> balances = new HashMap<>();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (PreparedStatement s = c.prepareStatement(SNAPSHOT);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    AccountId account = AccountId.parse(rs.getString(1));
                    balances.put(account, exactLong(account, rs.getBigDecimal(2)));
                }
            }
            c.commit();
            return LedgerSnapshot.of(balances);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Outbox

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public List<OutboxMessage> poll(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        return run("poll the outbox", false, c -> {
            List<OutboxMessage> out = new ArrayList<>(Math.min(max, 256));
            try (PreparedStatement s = c.prepareStatement(POLL)) {
                s.setInt(1, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OutboxMessage(
                                rs.getLong(1),
                                rs.getLong(2),
                                IdempotencyKey.of(rs.getString(3)),
                                rs.getString(4),
                                Text.decode(rs.getString(5)),
                                instant(rs, 6)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public void acknowledge(Collection<OutboxMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        long[] positions = messages.stream()
                .mapToLong(m -> Objects.requireNonNull(m, "message").position())
                .sorted()
                .distinct()
                .toArray();
        if (positions.length == 0) {
            return;
        }
        run("acknowledge outbox messages", true, c -> {
            try (PreparedStatement s = c.prepareStatement(ACKNOWLEDGE)) {
                for (long p : positions) {
                    s.setLong(1, p);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Transactions and retries

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of its own, in one transaction if {@code transactional}, else in auto-commit
     * mode (the work may open a transaction itself and must then commit it). Serialization failures and deadlocks are
     * retried; business exceptions roll back and pass through.
     */
    private <T> T run(String what, boolean transactional, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(transactional, work);
            } catch (SQLException e) {
                if (!retryable(e) || attempt >= MAX_ATTEMPTS) {
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

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
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
