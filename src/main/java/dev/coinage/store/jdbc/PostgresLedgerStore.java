package dev.coinage.store.jdbc;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.BalanceOverflowException;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.PostingGuard;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
import dev.coinage.spi.UserLimits;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final int CLAIMS_PER_INSERT = 500;
    private static final int KNOWN_MAX = 1_000_000;

    private static final String CLAIM_HEAD = "WITH t AS (INSERT INTO coinage_transaction "
            + "(idempotency_key, kind, fingerprint, attributes, committed_at) VALUES ";
    private static final String CLAIM_TAIL = " ON CONFLICT (idempotency_key) DO NOTHING "
            + "RETURNING transaction_id, idempotency_key, kind, attributes, committed_at) "
            + "INSERT INTO coinage_outbox (transaction_id, idempotency_key, kind, attributes, committed_at) "
            + "SELECT transaction_id, idempotency_key, kind, attributes, committed_at FROM t "
            + "RETURNING transaction_id, idempotency_key";
    private static final String LOAD = "SELECT t.transaction_id, t.kind, t.fingerprint, t.attributes, t.committed_at, "
            + "e.entry_id, e.account_id, e.amount, e.balance_after FROM coinage_transaction t "
            + "LEFT JOIN coinage_entry e ON e.transaction_id = t.transaction_id "
            + "WHERE t.idempotency_key = ? ORDER BY e.posting_index";
    private static final String JOURNAL = "SELECT t.transaction_id, t.idempotency_key, t.kind, t.fingerprint, "
            + "t.attributes, t.committed_at, e.entry_id, e.account_id, e.amount, e.balance_after FROM "
            + "(SELECT * FROM coinage_transaction WHERE kind = ? AND transaction_id > ? ORDER BY transaction_id LIMIT ?) t "
            + "LEFT JOIN coinage_entry e ON e.transaction_id = t.transaction_id "
            + "ORDER BY t.transaction_id, e.posting_index";
    private static final String OTHER_SHARDS = "(SELECT COALESCE(SUM(o.balance), 0) FROM coinage_balance_shard o "
            + "WHERE o.account_id = b.account_id AND o.shard <> b.shard)";
    private static final String LOCK_ALL_SHARDS = "SELECT CAST(? AS INT), b.shard, b.balance, CAST(NULL AS NUMERIC) "
            + "FROM coinage_balance_shard b WHERE b.account_id = ? ORDER BY b.shard FOR UPDATE";
    private static final String LOCK_FREE_SHARD = "SELECT CAST(? AS INT), b.shard, b.balance, " + OTHER_SHARDS
            + " FROM coinage_balance_shard b WHERE b.account_id = ? ORDER BY b.shard LIMIT 1 FOR UPDATE SKIP LOCKED";
    private static final String LOCK_SHARD = "SELECT b.shard, b.balance, " + OTHER_SHARDS
            + " FROM coinage_balance_shard b WHERE b.account_id = ? AND b.shard = ? FOR UPDATE";
    private static final String SHARD_COUNT =
            "SELECT a.account_id, (SELECT COUNT(*) FROM coinage_balance_shard s WHERE s.account_id = a.account_id) "
                    + "FROM coinage_account a WHERE a.account_id = ?";
    private static final String ADD_SHARD = "INSERT INTO coinage_balance_shard (account_id, shard, balance) "
            + "VALUES (?, ?, 0) ON CONFLICT (account_id, shard) DO NOTHING";
    private static final String SET_SHARDS = "UPDATE coinage_balance_shard s SET balance = v.balance FROM (VALUES ";
    private static final String SHARD_ROW = "(CAST(? AS VARCHAR(200)), CAST(? AS INT), CAST(? AS BIGINT))";
    private static final String SET_SHARDS_TAIL =
            ") AS v (account_id, shard, balance) WHERE s.account_id = v.account_id AND s.shard = v.shard RETURNING 1";
    private static final String INSERT_ENTRIES = "INSERT INTO coinage_entry "
            + "(transaction_id, posting_index, account_id, amount, balance_after, kind, committed_at) VALUES ";
    private static final String ENTRY_ROW = "(?, ?, ?, ?, ?, ?, ?)";
    private static final String OPEN =
            "WITH a AS (INSERT INTO coinage_account (account_id, account_type, owner_id) VALUES (?, ?, ?) "
                    + "ON CONFLICT (account_id) DO NOTHING RETURNING account_id) "
                    + "INSERT INTO coinage_balance_shard (account_id, shard, balance) SELECT account_id, 0, 0 FROM a";
    private static final String EXISTS = "SELECT 1 FROM coinage_account WHERE account_id = ?";
    private static final String BALANCE = "SELECT SUM(balance) FROM coinage_balance_shard WHERE account_id = ?";
    private static final String PAGE_COLUMNS =
            "SELECT entry_id, transaction_id, amount, kind, committed_at FROM coinage_entry WHERE account_id = ? ";
    private static final String PAGE_OLDEST = PAGE_COLUMNS + "AND entry_id > ? ORDER BY entry_id LIMIT ?";
    private static final String PAGE_NEWEST = PAGE_COLUMNS + "AND entry_id < ? ORDER BY entry_id DESC LIMIT ?";
    private static final String NON_ZERO = "SELECT a.account_id FROM coinage_account a "
            + "WHERE a.account_type = ? AND a.account_id > ? AND (SELECT SUM(s.balance) FROM coinage_balance_shard s "
            + "WHERE s.account_id = a.account_id) <> 0 ORDER BY a.account_id LIMIT ?";
    private static final String MEMBER_ACCOUNTS = "SELECT a.account_id, SUM(s.balance) FROM coinage_account a "
            + "JOIN coinage_balance_shard s ON s.account_id = a.account_id "
            + "WHERE a.owner_id = ? AND a.account_type = ? AND a.account_id > ? "
            + "GROUP BY a.account_id HAVING SUM(s.balance) <> 0 ORDER BY a.account_id LIMIT ?";
    private static final String SNAPSHOT =
            "SELECT account_id, SUM(balance) FROM coinage_balance_shard GROUP BY account_id";
    private static final String POLL =
            "SELECT position, transaction_id, idempotency_key, kind, attributes, committed_at "
                    + "FROM coinage_outbox ORDER BY position LIMIT ?";
    private static final String CLAIM_OUTBOX = "UPDATE coinage_outbox o SET claimed_by = ?, lease_until = ? "
            + "FROM (SELECT position FROM coinage_outbox WHERE lease_until IS NULL OR lease_until <= ? "
            + "ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED) c WHERE o.position = c.position "
            + "RETURNING o.position, o.transaction_id, o.idempotency_key, o.kind, o.attributes, o.committed_at";
    private static final String FIND_USER_LIMIT =
            "SELECT coins FROM coinage_user_limit WHERE user_id = ? AND period = ?";
    private static final String SET_USER_LIMIT = "INSERT INTO coinage_user_limit (user_id, period, coins, updated_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, period) "
            + "DO UPDATE SET coins = EXCLUDED.coins, updated_at = EXCLUDED.updated_at";
    private static final String ACKNOWLEDGE = "DELETE FROM coinage_outbox WHERE position IN (";

    private final DataSource dataSource;
    private final Clock clock;
    // Member accounts known to exist. Accounts are never removed, so once one has been opened or seen, opening or
    // checking it again needs no round trip (a gift opens and checks the sender's wallet and the creator's hold every
    // time). Cleared when large; a miss costs one round trip.
    private final Set<AccountId> known = ConcurrentHashMap.newKeySet();

    private final UserLimits userLimits = new TableUserLimits();

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
        if (known.contains(account)) {
            return;
        }
        run("open " + account, false, c -> {
            open(c, account);
            return null;
        });
        remember(account);
    }

    private void remember(AccountId account) {
        if (known.size() >= KNOWN_MAX) {
            known.clear();
        }
        known.add(account);
    }

    private static void open(Connection c, AccountId account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OPEN)) {
            s.setString(1, account.toString());
            s.setString(2, account.type().name());
            s.setString(3, account.owner().map(UserId::value).orElse(null));
            s.executeUpdate();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public boolean exists(AccountId account) {
        Objects.requireNonNull(account, "account");
        if (account.isSystem() || known.contains(account)) {
            return true;
        }
        boolean exists = run("read " + account, false, c -> exists(c, account.toString()));
        if (exists) {
            remember(account);
        }
        return exists;
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
        TransactionRequest[] reqs = LedgerStore.checkBatch(requests);
        return run(
                "apply " + reqs[0].key() + (reqs.length > 1 ? " and " + (reqs.length - 1) + " more" : ""),
                true,
                c -> List.of(applyIn(c, reqs)));
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
            AppliedTransaction first = load(c, req.key())
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
     * other transactions: adds a shard while there are fewer than {@link #MAX_SHARDS}, else waits for a random one.
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
            open(c, a.id);
            count = 0;
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
                        if (account.isSystem()) {
                            return 0L;
                        }
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
            if (page.isEmpty() && !account.isSystem() && !exists(c, account.toString())) {
                throw new UnknownAccountException(account);
            }
            return Page.of(request, page);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement: a page of the transactions of the kind by their primary key, joined with their entries.
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public List<AppliedTransaction> transactions(String kind, long afterId, int limit) {
        Objects.requireNonNull(kind, "kind");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative: " + afterId);
        }
        return run("list transactions of kind " + kind, false, c -> {
            List<AppliedTransaction> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(JOURNAL)) {
                s.setString(1, kind);
                s.setLong(2, afterId);
                s.setInt(3, limit);
                try (ResultSet rs = s.executeQuery()) {
                    boolean more = rs.next();
                    while (more) {
                        long id = rs.getLong(1);
                        IdempotencyKey key = IdempotencyKey.of(rs.getString(2));
                        String txKind = rs.getString(3);
                        Fingerprint fingerprint = Fingerprint.of(rs.getString(4));
                        Map<String, String> attributes = Text.decode(rs.getString(5));
                        Instant committedAt = instant(rs, 6);
                        List<Entry> entries = new ArrayList<>();
                        Map<AccountId, Long> balancesAfter = new HashMap<>();
                        while (more && rs.getLong(1) == id) {
                            String account = rs.getString(8);
                            if (account != null) {
                                AccountId a = AccountId.parse(account);
                                entries.add(new Entry(id, rs.getLong(7), a, rs.getLong(9), txKind, committedAt));
                                long balanceAfter = rs.getLong(10);
                                if (!rs.wasNull()) {
                                    balancesAfter.put(a, balanceAfter);
                                }
                            }
                            more = rs.next();
                        }
                        out.add(AppliedTransaction.of(
                                id, key, txKind, fingerprint, attributes, committedAt, entries, balancesAfter));
                    }
                }
            }
            return out;
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
            for (AccountType type : AccountType.values()) {
                if (!type.isMember()) {
                    balances.putIfAbsent(AccountId.system(type), 0L);
                }
            }
            return LedgerSnapshot.of(balances);
        });
    }

    /**
     * Lists the accounts of one type whose balance is not zero, ordered by their text form, a page at a time: how jobs
     * such as releasing due holds find their work. The order is the text form's code point order, as
     * {@link AccountId#compareTo} gives for ids in the Basic Multilingual Plane.
     *
     * @param type the account type, not null
     * @param after the last account of the previous page, or null for the first page
     * @param limit the most accounts to return, 1 to {@link PageRequest#MAX_SIZE}
     * @return the accounts after {@code after}, at most {@code limit}, never null
     * @throws IllegalArgumentException if {@code limit} is out of range
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public List<AccountId> nonZeroAccounts(AccountType type, AccountId after, int limit) {
        Objects.requireNonNull(type, "type");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        return run("list accounts of type " + type, false, c -> {
            List<AccountId> out = new ArrayList<>(Math.min(limit, 64));
            try (PreparedStatement s = c.prepareStatement(NON_ZERO)) {
                s.setString(1, type.name());
                s.setString(2, after == null ? "" : after.toString());
                s.setInt(3, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(AccountId.parse(rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement: the member's accounts of the type from the index on ({@code owner_id}, {@code account_type},
     * {@code account_id}), joined with their shards and summed, so each balance is read at one point as by
     * {@link #balance}. The order is the text form's code point order, as {@link AccountId#compareTo} gives for ids in
     * the Basic Multilingual Plane.
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public List<AccountBalance> memberAccounts(UserId owner, AccountType type, AccountId after, int limit) {
        LedgerStore.checkMemberAccounts(owner, type, limit);
        return run("list the " + type + " accounts of " + owner, false, c -> {
            List<AccountBalance> out = new ArrayList<>(Math.min(limit, 64));
            try (PreparedStatement s = c.prepareStatement(MEMBER_ACCOUNTS)) {
                s.setString(1, owner.value());
                s.setString(2, type.name());
                s.setString(3, after == null ? "" : after.toString());
                s.setInt(4, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        AccountId account = AccountId.parse(rs.getString(1));
                        out.add(new AccountBalance(account, exactLong(account, rs.getBigDecimal(2))));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Members' own caps

    /**
     * {@inheritDoc}
     *
     * <p>Here the caps live in the table {@code coinage_user_limit}, shared by every store over the database. Its
     * methods throw {@link StoreUnavailableException} if the database fails.
     */
    @Override
    public UserLimits userLimits() {
        return userLimits;
    }

    /** Members' own caps in {@code coinage_user_limit}. */
    private final class TableUserLimits implements UserLimits {
        @Override
        public OptionalLong find(UserId user, LimitPeriod period) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(period, "period");
            return run("read the " + period + " cap of " + user, false, c -> {
                try (PreparedStatement s = c.prepareStatement(FIND_USER_LIMIT)) {
                    s.setString(1, user.value());
                    s.setString(2, period.name());
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                    }
                }
            });
        }

        @Override
        public void set(UserId user, LimitPeriod period, long coins) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(period, "period");
            if (coins < 0) {
                throw new IllegalArgumentException("coins must be zero or positive: " + coins);
            }
            run("set the " + period + " cap of " + user, false, c -> {
                try (PreparedStatement s = c.prepareStatement(SET_USER_LIMIT)) {
                    s.setString(1, user.value());
                    s.setString(2, period.name());
                    s.setLong(3, coins);
                    s.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    s.executeUpdate();
                }
                return null;
            });
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Outbox

    /**
     * {@inheritDoc}
     *
     * <p>One statement locks the oldest claimable rows, skipping rows that a concurrent claim holds ({@code FOR UPDATE
     * SKIP LOCKED}), and sets their {@code claimed_by} and {@code lease_until}; the lease is measured on this store's
     * clock, so the instances sharing a database should share a time source.
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public List<OutboxMessage> claim(String relayId, int max, Duration lease) {
        TransactionOutbox.checkClaim(relayId, max, lease);
        return run("claim outbox messages", true, c -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<OutboxMessage> out = new ArrayList<>(Math.min(max, 256));
            try (PreparedStatement s = c.prepareStatement(CLAIM_OUTBOX)) {
                s.setString(1, relayId);
                s.setObject(2, OffsetDateTime.ofInstant(now.plus(lease), ZoneOffset.UTC));
                s.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                s.setInt(4, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
            }
            out.sort(Comparator.comparingLong(OutboxMessage::position));
            return out;
        });
    }

    private static OutboxMessage message(ResultSet rs) throws SQLException {
        return new OutboxMessage(
                rs.getLong(1),
                rs.getLong(2),
                IdempotencyKey.of(rs.getString(3)),
                rs.getString(4),
                Text.decode(rs.getString(5)),
                instant(rs, 6));
    }

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
                        out.add(message(rs));
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
            for (int from = 0; from < positions.length; from += ROWS_PER_INSERT) {
                int to = Math.min(positions.length, from + ROWS_PER_INSERT);
                StringBuilder sql = new StringBuilder(ACKNOWLEDGE);
                for (int i = from; i < to; i++) {
                    sql.append(i == from ? "?" : ", ?");
                }
                try (PreparedStatement s = c.prepareStatement(sql.append(')').toString())) {
                    for (int i = from; i < to; i++) {
                        s.setLong(i - from + 1, positions[i]);
                    }
                    s.executeUpdate();
                }
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
