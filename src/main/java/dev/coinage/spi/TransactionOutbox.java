package dev.coinage.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The transactional outbox of a store: a record of every applied transaction, written atomically with it, that a host
 * relays to Kafka or any other consumer.
 *
 * <p>A relay loop {@linkplain #claim claims} a batch, publishes it, then {@linkplain #acknowledge acknowledges} what it
 * published. A claim leases its messages to one relay: while the lease lasts no other claim returns them, so any number
 * of relays running at once deliver each message once as long as they live. A relay that dies before acknowledging
 * leaves its messages leased until the lease ends; then another claim returns them. Delivery is therefore at least
 * once across crashes, and consumers drop duplicates by {@link OutboxMessage#key()}. Replayed requests write no
 * message.
 *
 * <p>Pick a lease comfortably longer than publishing one batch takes: a relay still publishing when its lease ends may
 * see its messages claimed and published again by another relay.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>A message is written in the same atomic unit as its transaction: one exists if and only if the transaction was
 *       applied. A new message is not leased.
 *   <li>{@link #claim} returns up to {@code max} unacknowledged messages that are not leased or whose lease has ended
 *       (its end is at or before the store's clock), oldest first (by position), and leases each to the relay until
 *       the store's clock plus the lease, in one atomic step: two claims, concurrent or not, never return the same
 *       message while its lease lasts. A relay's own unexpired claims are not returned to it again.
 *   <li>{@link #poll} returns unacknowledged messages oldest first, leased or not; it does not lease, remove or hide
 *       them. It is for inspection and for a single relay; several relays must {@link #claim}.
 *   <li>{@link #acknowledge} removes messages, whoever holds their lease; acknowledging a message twice, or one that
 *       does not exist, does nothing.
 *   <li>Implementations are thread-safe, and a store shared by several application instances (a database) leases
 *       across all of them.
 * </ul>
 */
public interface TransactionOutbox {
    /** Longest lease a claim may take. */
    Duration MAX_LEASE = Duration.ofDays(1);

    /** Longest relay id, in characters. */
    int MAX_RELAY_ID_LENGTH = 200;

    /**
     * Leases up to {@code max} messages that no live lease holds to a relay, oldest first.
     *
     * @param relayId who claims, for operators (not blank, at most {@value #MAX_RELAY_ID_LENGTH} characters)
     * @param max the most messages to return, positive
     * @param lease how long the messages stay the relay's, positive and at most {@link #MAX_LEASE}
     * @return the claimed messages, never null, empty if there are none to claim
     * @throws NullPointerException if {@code relayId} or {@code lease} is null
     * @throws IllegalArgumentException if {@code relayId} is blank or too long, {@code max} is not positive, or
     *     {@code lease} is not positive or longer than {@link #MAX_LEASE}
     */
    List<OutboxMessage> claim(String relayId, int max, Duration lease);

    /**
     * Returns up to {@code max} unacknowledged messages, oldest first, leased or not, without leasing them.
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

    /**
     * Checks the arguments of {@link #claim}, for implementations.
     *
     * @param relayId the relay id
     * @param max the most messages to return
     * @param lease the lease
     * @throws NullPointerException if {@code relayId} or {@code lease} is null
     * @throws IllegalArgumentException if an argument is out of range (see {@link #claim})
     */
    static void checkClaim(String relayId, int max, Duration lease) {
        if (relayId == null) {
            throw new NullPointerException("relayId");
        }
        if (lease == null) {
            throw new NullPointerException("lease");
        }
        if (relayId.isBlank() || relayId.length() > MAX_RELAY_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "relayId must be non-blank and at most " + MAX_RELAY_ID_LENGTH + " characters: " + relayId);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        if (lease.isNegative() || lease.isZero() || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease must be positive and at most " + MAX_LEASE + ": " + lease);
        }
    }
}
