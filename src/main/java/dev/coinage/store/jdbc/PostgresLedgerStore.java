package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Sql.*;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountBalance;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.ledger.Page;
import dev.coinage.ledger.PageRequest;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.ledger.UnknownAccountException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.MemberState;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
import dev.coinage.spi.UserLimits;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>A request takes two round trips: the key claim and the locks travel in one message, the writes and the commit in
 * another. With {@link Builder#groupCommit group commit}, concurrent calls share one transaction and one commit, each
 * still getting its own result or refusal.
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

    private static final int KNOWN_MAX = 1_000_000;

    private final DataSource dataSource;
    private final Clock clock;
    // Member accounts known to exist. Accounts are never removed, so once one has been opened or seen, opening or
    // checking it again needs no round trip (a gift opens and checks the sender's wallet and the creator's hold every
    // time). Cleared when large; a miss costs one round trip.
    private final Set<AccountId> known = ConcurrentHashMap.newKeySet();

    private final TransactionRunner tx;
    private final PostgresReads reads;
    private final UserLimits userLimits;
    private final PostgresOutbox outbox;
    /** Null unless group commit was chosen. */
    private final GroupCommit groupCommit;

    private PostgresLedgerStore(DataSource dataSource, Clock clock, int groupCommitRequests, int groupCommitGroups) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tx = new TransactionRunner(this.dataSource);
        this.reads = new PostgresReads(tx);
        this.userLimits = new PostgresUserLimits(tx, this.clock);
        this.outbox = new PostgresOutbox(tx, this.clock);
        this.groupCommit = groupCommitRequests > 0
                ? new GroupCommit(tx, this.clock, groupCommitRequests, groupCommitGroups)
                : null;
    }

    /**
     * Creates a store over the given data source whose entries are stamped by the system clock. The schema must exist
     * (see {@link PostgresSchema#migrate}).
     *
     * @param dataSource a pooled data source of a PostgreSQL 14+ database, READ COMMITTED or stronger, not null
     * @return the store, never null
     */
    public static PostgresLedgerStore create(DataSource dataSource) {
        return new PostgresLedgerStore(dataSource, Clock.systemUTC(), 0, 0);
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
        return new PostgresLedgerStore(dataSource, clock, 0, 0);
    }

    /**
     * Returns a builder of a store over the given data source, for the options that {@link #create} does not take:
     * the clock and group commit.
     *
     * @param dataSource a pooled data source of a PostgreSQL 14+ database, READ COMMITTED or stronger, not null
     * @return a new builder, never null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Builds a {@link PostgresLedgerStore}. By default the store stamps entries with the system clock and applies every
     * call in a database transaction of its own.
     *
     * <p>This class is not thread-safe.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private int groupCommitRequests;
        private int groupCommitGroups;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Sets the clock that stamps the entries, kept to microseconds.
         *
         * @param clock the clock, not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Makes concurrent {@code apply} and {@code applyAll} calls of this store share database transactions: the
         * calls that arrive while one group is being applied wait and are applied together in the next, in one
         * transaction with one commit, up to {@code maxRequests} requests per group. Each call still gets its own
         * result or its own refusal (a refused call is left out and the others commit); a database failure fails
         * every call of the group. See {@code docs/postgres.md}.
         *
         * <p>One group is in flight at a time; see {@link #groupCommit(int, int)} for more.
         *
         * @param maxRequests the most requests one group applies, at least 1 (a larger {@code applyAll} batch goes
         *     alone)
         * @return this builder
         * @throws IllegalArgumentException if {@code maxRequests} is less than 1
         */
        public Builder groupCommit(int maxRequests) {
            return groupCommit(maxRequests, 1);
        }

        /**
         * Group commit as {@link #groupCommit(int)}, with up to {@code maxGroups} groups in flight at once, each in its
         * own transaction on its own connection: a call that finds fewer groups in flight starts one at once, and the
         * calls that arrive while all are busy wait for the next. More groups overlap one group's commit with the next
         * group's statements; fewer make larger groups.
         *
         * @param maxRequests the most requests one group applies, at least 1 (a larger {@code applyAll} batch goes
         *     alone)
         * @param maxGroups the most groups in flight at once, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxRequests} or {@code maxGroups} is less than 1
         */
        public Builder groupCommit(int maxRequests, int maxGroups) {
            if (maxRequests < 1) {
                throw new IllegalArgumentException("maxRequests must be at least 1: " + maxRequests);
            }
            if (maxGroups < 1) {
                throw new IllegalArgumentException("maxGroups must be at least 1: " + maxGroups);
            }
            this.groupCommitRequests = maxRequests;
            this.groupCommitGroups = maxGroups;
            return this;
        }

        /**
         * Builds the store. The schema must exist (see {@link PostgresSchema#migrate}).
         *
         * @return the store, never null
         */
        public PostgresLedgerStore build() {
            return new PostgresLedgerStore(dataSource, clock, groupCommitRequests, groupCommitGroups);
        }
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

    static void open(Connection c, AccountId account) throws SQLException {
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
        boolean exists = run("read " + account, false, c -> PostgresReads.exists(c, account.toString()));
        if (exists) {
            remember(account);
        }
        return exists;
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
     * <p>With group commit, the batch may share its database transaction with the batches of concurrent calls; it is
     * still applied or refused as a whole, on its own.
     *
     * @throws StoreUnavailableException if the database fails; retrying with the same keys is safe
     */
    @Override
    public List<AppliedTransaction> applyAll(List<TransactionRequest> requests) {
        TransactionRequest[] reqs = LedgerStore.checkBatch(requests);
        if (groupCommit != null) {
            return List.of(groupCommit.apply(reqs));
        }
        return run(
                "apply " + reqs[0].key() + (reqs.length > 1 ? " and " + (reqs.length - 1) + " more" : ""),
                true,
                c -> List.of(TransactionWriter.applyIn(c, reqs, clock, true)));
    }

    /** With group commit, how many calls wait for the next group; 0 without. For tests. */
    int groupCommitWaiting() {
        return groupCommit == null ? 0 : groupCommit.waiting();
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

    static Optional<AppliedTransaction> load(Connection c, IdempotencyKey key) throws SQLException {
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
                    return PostgresReads.exactLong(account, sum);
                }
            }
        });
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
        return reads.entries(account, request);
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
        return reads.transactions(kind, afterId, limit);
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
        return reads.snapshot();
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
        return reads.nonZeroAccounts(type, after, limit);
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
        return reads.memberAccounts(owner, type, after, limit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here one query answers for every type (a gift's one read of its sender).
     */
    @Override
    public List<AccountBalance> memberAccounts(UserId owner, List<AccountType> types, int limit) {
        return reads.memberAccounts(owner, types, limit);
    }

    /** {@inheritDoc} One query reads both. */
    @Override
    public MemberState memberState(UserId owner, List<AccountType> types, int limit) {
        return reads.memberState(owner, types, limit, true);
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
        return outbox.claim(relayId, max, lease);
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
        return outbox.poll(max);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException if the database fails
     */
    @Override
    public void acknowledge(Collection<OutboxMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        outbox.acknowledge(messages);
    }

    private <T> T run(String what, boolean transactional, TransactionRunner.Work<T> work) {
        return tx.run(what, transactional, work);
    }
}
