package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Sql.*;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.spi.OutboxMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The PostgreSQL store's transactional outbox: messages written with their transactions, claimed by relays for a
 * lease with {@code FOR UPDATE SKIP LOCKED}, acknowledged once delivered.
 */
final class PostgresOutbox {
    /** Most positions acknowledged by one statement. */
    private static final int ROWS_PER_STATEMENT = 1000;

    private final TransactionRunner tx;
    private final Clock clock;

    PostgresOutbox(TransactionRunner tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    List<OutboxMessage> claim(String relayId, int max, Duration lease) {
        return tx.run("claim outbox messages", true, c -> {
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

    List<OutboxMessage> poll(int max) {
        return tx.run("poll the outbox", false, c -> {
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

    void acknowledge(Collection<OutboxMessage> messages) {
        long[] positions = messages.stream()
                .mapToLong(m -> Objects.requireNonNull(m, "message").position())
                .sorted()
                .distinct()
                .toArray();
        if (positions.length == 0) {
            return;
        }
        tx.run("acknowledge outbox messages", true, c -> {
            for (int from = 0; from < positions.length; from += ROWS_PER_STATEMENT) {
                int to = Math.min(positions.length, from + ROWS_PER_STATEMENT);
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
}
