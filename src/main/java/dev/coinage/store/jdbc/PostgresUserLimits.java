package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Sql.*;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.UserId;
import dev.coinage.spi.UserLimits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/** Members' own spending caps in the table {@code coinage_user_limit}, shared by every store over the database. */
final class PostgresUserLimits implements UserLimits {
    private static final String FIND_USER_LIMITS = "SELECT period, coins FROM coinage_user_limit WHERE user_id = ?";

    private final TransactionRunner tx;
    private final Clock clock;

    PostgresUserLimits(TransactionRunner tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public OptionalLong find(UserId user, LimitPeriod period) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(period, "period");
        return tx.run("read the " + period + " cap of " + user, false, c -> {
            try (PreparedStatement s = c.prepareStatement(FIND_USER_LIMIT)) {
                s.setString(1, user.value());
                s.setString(2, period.name());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    /** All of a member's caps in one query (a gift reads them all). */
    @Override
    public Map<LimitPeriod, Long> findAll(UserId user) {
        Objects.requireNonNull(user, "user");
        return tx.run("read the caps of " + user, false, c -> {
            try (PreparedStatement s = c.prepareStatement(FIND_USER_LIMITS)) {
                s.setString(1, user.value());
                try (ResultSet rs = s.executeQuery()) {
                    Map<LimitPeriod, Long> all = new EnumMap<>(LimitPeriod.class);
                    while (rs.next()) {
                        all.put(LimitPeriod.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                    return all;
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
        tx.run("set the " + period + " cap of " + user, false, c -> {
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
