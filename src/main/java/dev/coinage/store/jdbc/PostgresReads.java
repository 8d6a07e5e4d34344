package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Sql.*;

import dev.coinage.catalog.LimitPeriod;
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
import dev.coinage.ledger.UnknownAccountException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.MemberState;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads of {@link PostgresLedgerStore} that list: a page of an account's entries, the journal of a kind, a snapshot
 * of every balance, the accounts of a type or of a member. Each is one statement (a snapshot, one statement in a
 * REPEATABLE READ transaction).
 *
 * <p>This class is thread-safe.
 */
final class PostgresReads {
    private final TransactionRunner tx;

    PostgresReads(TransactionRunner tx) {
        this.tx = tx;
    }

    /**
     * The first page of each of a member's account types: one query, ranked within each type. The types are written
     * into the text as literals (enum constant names, {@code [A-Z0-9_]}), not bound as an array: PostgreSQL then keeps
     * one generic plan for the statement, where an array parameter made it plan the query anew on every call (a
     * custom plan, estimated cheaper for a member with few accounts), which cost more than running it.
     */
    private static final String MEMBER_ACCOUNTS_OF_TYPES_HEAD = "SELECT account_id, account_type, balance FROM ("
            + "SELECT a.account_id, a.account_type, SUM(s.balance) AS balance, "
            + "row_number() OVER (PARTITION BY a.account_type ORDER BY a.account_id) AS n "
            + "FROM coinage_account a JOIN coinage_balance_shard s ON s.account_id = a.account_id "
            + "WHERE a.owner_id = ? AND a.account_type IN (";

    private static final String MEMBER_ACCOUNTS_OF_TYPES_PAGE =
            ") GROUP BY a.account_id, a.account_type HAVING SUM(s.balance) <> 0) t WHERE n <= ? ";

    private static final String MEMBER_ACCOUNTS_OF_TYPES_TAIL =
            MEMBER_ACCOUNTS_OF_TYPES_PAGE + "ORDER BY account_type, account_id";
    /** As {@link #MEMBER_ACCOUNTS_OF_TYPES_TAIL}, then the member's own caps, in rows without an account id. */
    private static final String MEMBER_STATE_TAIL = MEMBER_ACCOUNTS_OF_TYPES_PAGE
            + "UNION ALL SELECT NULL, period, coins FROM coinage_user_limit WHERE user_id = ? ORDER BY 2, 1";
    /** The statement texts by set of types, without and with the caps; a caller asks for the same few every time. */
    private final Map<Set<AccountType>, String> memberAccountsSql = new ConcurrentHashMap<>();

    private final Map<Set<AccountType>, String> memberStateSql = new ConcurrentHashMap<>();

    private static final int MEMBER_ACCOUNTS_SQL_KEPT = 64;

    /**
     * The text of the read of a member's accounts of some types, and with {@code withCaps} their own caps; {@code types}
     * is the caller's own set, kept as the key of the text.
     */
    private String memberAccountsOfTypesSql(Set<AccountType> types, boolean withCaps) {
        Map<Set<AccountType>, String> kept = withCaps ? memberStateSql : memberAccountsSql;
        String sql = kept.get(types);
        if (sql == null) {
            StringBuilder text = new StringBuilder(MEMBER_ACCOUNTS_OF_TYPES_HEAD);
            String sep = "";
            for (AccountType type : types) {
                String name = type.name();
                if (!name.matches("[A-Z0-9_]+")) {
                    throw new IllegalStateException("account type name not usable as a literal: " + name);
                }
                text.append(sep).append('\'').append(name).append('\'');
                sep = ", ";
            }
            if (types.isEmpty()) {
                text.append("NULL"); // no type: no account, only the caps
            }
            sql = text.append(withCaps ? MEMBER_STATE_TAIL : MEMBER_ACCOUNTS_OF_TYPES_TAIL)
                    .toString();
            if (kept.size() < MEMBER_ACCOUNTS_SQL_KEPT) {
                kept.put(types, sql);
            }
        }
        return sql;
    }

    Page entries(AccountId account, PageRequest request) {
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

    List<AppliedTransaction> transactions(String kind, long afterId, int limit) {
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

    LedgerSnapshot snapshot() {
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

    List<AccountId> nonZeroAccounts(AccountType type, AccountId after, int limit) {
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

    List<AccountBalance> memberAccounts(UserId owner, AccountType type, AccountId after, int limit) {
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

    List<AccountBalance> memberAccounts(UserId owner, List<AccountType> types, int limit) {
        return memberState(owner, types, limit, false).accounts();
    }

    /**
     * As {@link LedgerStore#memberState}: the member's accounts of the types and, if {@code withCaps}, their own caps,
     * in one query (the caps' rows have no account id).
     */
    MemberState memberState(UserId owner, List<AccountType> types, int limit, boolean withCaps) {
        Objects.requireNonNull(owner, "owner");
        for (AccountType type : types) {
            LedgerStore.checkMemberAccounts(owner, type, limit);
        }
        if (types.isEmpty() && !withCaps) {
            return new MemberState(List.of(), Map.of());
        }
        Map<LimitPeriod, Long> caps = withCaps ? new EnumMap<>(LimitPeriod.class) : Map.of();
        Map<AccountType, List<AccountBalance>> byType = run("list the " + types + " accounts of " + owner, false, c -> {
            Map<AccountType, List<AccountBalance>> found = new EnumMap<>(AccountType.class);
            Set<AccountType> set = types.isEmpty() ? EnumSet.noneOf(AccountType.class) : EnumSet.copyOf(types);
            try (PreparedStatement s = c.prepareStatement(memberAccountsOfTypesSql(set, withCaps))) {
                s.setString(1, owner.value());
                s.setInt(2, limit);
                if (withCaps) {
                    s.setString(3, owner.value());
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (id == null) {
                            caps.put(
                                    LimitPeriod.valueOf(rs.getString(2)),
                                    rs.getBigDecimal(3).longValueExact());
                            continue;
                        }
                        AccountId account = AccountId.parse(id);
                        found.computeIfAbsent(account.type(), t -> new ArrayList<>())
                                .add(new AccountBalance(account, exactLong(account, rs.getBigDecimal(3))));
                    }
                }
            }
            return found;
        });
        List<AccountBalance> out = new ArrayList<>();
        for (AccountType type : new LinkedHashSet<>(types)) {
            out.addAll(byType.getOrDefault(type, List.of()));
        }
        return new MemberState(out, caps);
    }

    static long exactLong(AccountId account, BigDecimal sum) {
        try {
            return sum.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("balance of " + account + " is beyond the range of a long: " + sum, e);
        }
    }

    static boolean exists(Connection c, String account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EXISTS)) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private <T> T run(String what, boolean transactional, TransactionRunner.Work<T> work) {
        return tx.run(what, transactional, work);
    }
}
