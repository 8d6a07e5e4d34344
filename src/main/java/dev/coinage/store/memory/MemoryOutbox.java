package dev.coinage.store.memory;

import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory store's transactional outbox: one message per applied transaction, written under the same locks as
 * its entries, claimed by relays for a lease measured on the store's clock.
 */
final class MemoryOutbox {
    private final Clock clock;
    /** The outbox by position. */
    private final ConcurrentSkipListMap<Long, OutboxMessage> outbox = new ConcurrentSkipListMap<>();

    private final AtomicLong outboxPositions = new AtomicLong();
    /** The end of each claimed message's lease, by position; claims and acknowledgements hold its lock. */
    private final Map<Long, Instant> leases = new HashMap<>();

    MemoryOutbox(Clock clock) {
        this.clock = clock;
    }

    /** Writes the message of a transaction just applied. */
    void add(long transactionId, TransactionRequest req, Instant committedAt) {
        long position = outboxPositions.incrementAndGet();
        outbox.put(
                position,
                new OutboxMessage(position, transactionId, req.key(), req.kind(), req.attributes(), committedAt));
    }

    List<OutboxMessage> claim(String relayId, int max, Duration lease) {
        List<OutboxMessage> out = new ArrayList<>(Math.min(max, 256));
        synchronized (leases) {
            Instant now = clock.instant();
            Instant until = now.plus(lease);
            for (OutboxMessage m : outbox.values()) {
                if (out.size() == max) {
                    break;
                }
                Instant held = leases.get(m.position());
                if (held == null || !held.isAfter(now)) {
                    leases.put(m.position(), until);
                    out.add(m);
                }
            }
        }
        return out;
    }

    List<OutboxMessage> poll(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        List<OutboxMessage> out = new ArrayList<>(Math.min(max, 256));
        for (OutboxMessage m : outbox.values()) {
            if (out.size() == max) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    void acknowledge(Collection<OutboxMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        List<Long> positions = new ArrayList<>(messages.size());
        for (OutboxMessage m : messages) {
            positions.add(Objects.requireNonNull(m, "message").position());
        }
        synchronized (leases) {
            for (Long position : positions) {
                outbox.remove(position);
                leases.remove(position);
            }
        }
    }
}
