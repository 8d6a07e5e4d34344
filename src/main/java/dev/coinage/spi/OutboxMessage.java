package dev.coinage.spi;

import dev.coinage.core.IdempotencyKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One applied ledger transaction, as the outbox hands it to a host for delivery to a broker or any other consumer.
 * Written by the store in the same database transaction as the ledger change, so a message exists if and only if its
 * transaction committed.
 *
 * @param position the message's position in the outbox, unique; give it back to {@link TransactionOutbox#acknowledge}
 * @param transactionId the store's id of the transaction, as in {@link dev.coinage.ledger.AppliedTransaction#id()}
 * @param key the transaction's idempotency key, not null; consumers use it to drop duplicate deliveries
 * @param kind the transaction's kind, not null
 * @param attributes the transaction's attributes, not null
 * @param committedAt when the transaction was applied, not null
 */
public record OutboxMessage(
        long position,
        long transactionId,
        IdempotencyKey key,
        String kind,
        Map<String, String> attributes,
        Instant committedAt) {
    /**
     * Validates the message and copies its attributes.
     *
     * @param position the message's position in the outbox
     * @param transactionId the store's id of the transaction
     * @param key the idempotency key, not null
     * @param kind the kind, not null
     * @param attributes the attributes, not null
     * @param committedAt when the transaction was applied, not null
     */
    public OutboxMessage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        Objects.requireNonNull(committedAt, "committedAt");
    }
}
