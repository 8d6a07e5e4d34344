package dev.coinage.examples;

import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Relays the ledger's outbox to a broker: claim a batch, publish each message, acknowledge what was published. Run
 * one per app instance on a timer; the leases make several relays share the work without sending a message twice while
 * they live. A relay that dies, or a publish that fails, leaves its messages leased until the lease ends; then any
 * relay claims them again. Delivery is therefore at least once: consumers drop duplicates by
 * {@link OutboxMessage#key()}.
 *
 * <p>This class is thread-safe if the publisher is.
 */
public final class OutboxRelay {
    /** Sends one message to the broker (Kafka, a queue, a webhook); throws if it was not accepted. */
    @FunctionalInterface
    public interface Publisher {
        /**
         * Publishes a message.
         *
         * @param message the message, not null
         * @throws Exception if the broker did not accept it
         */
        void publish(OutboxMessage message) throws Exception;
    }

    private final TransactionOutbox outbox;
    private final String relayId;
    private final Duration lease;
    private final Publisher publisher;

    /**
     * Makes a relay.
     *
     * @param outbox the store's outbox (the PostgreSQL store, or the in-memory one made with {@code withOutbox}), not
     *     null
     * @param relayId this relay's name, such as the instance's host name, not null
     * @param lease how long a claimed batch stays this relay's: longer than publishing a batch takes, not null
     * @param publisher the broker, not null
     */
    public OutboxRelay(TransactionOutbox outbox, String relayId, Duration lease, Publisher publisher) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.relayId = Objects.requireNonNull(relayId, "relayId");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * Relays one batch: claims up to {@code max} messages, publishes them in order and acknowledges those published.
     * A failed publish stops the batch; the messages after it stay leased to this relay until the lease ends.
     *
     * @param max the largest batch, positive
     * @return the messages published, never null
     */
    public List<OutboxMessage> relayOnce(int max) {
        List<OutboxMessage> published = new ArrayList<>();
        try {
            for (OutboxMessage m : outbox.claim(relayId, max, lease)) {
                publisher.publish(m);
                published.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception brokerFailed) {
            // Not acknowledged: another claim returns the rest once the lease ends. A real relay logs and backs off.
        } finally {
            outbox.acknowledge(published);
        }
        return published;
    }

    /**
     * Relays batches until a claim returns nothing or a batch fails part-way.
     *
     * @param batch the batch size, positive
     * @return how many messages were published
     */
    public int drain(int batch) {
        int total = 0;
        while (true) {
            List<OutboxMessage> published = relayOnce(batch);
            total += published.size();
            if (published.size() < batch) {
                return total;
            }
        }
    }
}
