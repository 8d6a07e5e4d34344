package dev.coinage.spi;

import java.util.Collection;
import java.util.List;

/**
 * The transactional outbox of a store: a record of every applied transaction, written atomically with it, that a host
 * relays to Kafka or any other consumer with at-least-once delivery.
 *
 * <p>A relay loop polls, publishes, then acknowledges what it published. A message stays in the outbox until it is
 * acknowledged, so a relay that crashes between publishing and acknowledging publishes it again: consumers drop
 * duplicates by {@link OutboxMessage#key()}. Replayed requests write no message.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>A message is written in the same atomic unit as its transaction: one exists if and only if the transaction was
 *       applied.
 *   <li>{@link #poll} returns unacknowledged messages oldest first (by position); it does not remove or hide them.
 *       Several relays polling at once may receive the same messages.
 *   <li>{@link #acknowledge} removes messages; acknowledging a message twice, or one that does not exist, does nothing.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface TransactionOutbox {
    /**
     * Returns up to {@code max} unacknowledged messages, oldest first.
     *
     * @param max the most messages to return, positive
     * @return the messages, never null, empty if there are none
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    List<OutboxMessage> poll(int max);

    /**
     * Removes messages that were delivered.
     *
     * @param messages the delivered messages, not null, without null elements
     */
    void acknowledge(Collection<OutboxMessage> messages);
}
