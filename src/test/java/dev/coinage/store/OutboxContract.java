package dev.coinage.store;

import static dev.coinage.store.Requests.gift;
import static dev.coinage.store.Requests.recharge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.spi.LedgerStore;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.spi.TransactionOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store that is also a {@link TransactionOutbox} must do: every applied transaction, and only those, leaves
 * one message until it is acknowledged, and claims lease messages to one relay at a time. Run by the in-memory and the
 * PostgreSQL store.
 */
public abstract class OutboxContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");

    private final UserId ana = UserId.of("ana");
    private final UserId bo = UserId.of("bo");
    private final MutableClock clock = new MutableClock(T0);
    private LedgerStore ledger;
    private TransactionOutbox store;

    /**
     * Makes a fresh store that keeps an outbox.
     *
     * @param clock the clock stamping entries and messages
     * @return the store, which must also be a {@link TransactionOutbox}
     */
    protected abstract LedgerStore newStore(Clock clock);

    /** Releases what {@link #newStore} acquired. */
    protected void release() {}

    @BeforeEach
    void setUpStore() {
        ledger = newStore(clock);
        store = (TransactionOutbox) ledger;
        Requests.openMember(ledger, ana);
        Requests.openMember(ledger, bo);
    }

    @AfterEach
    void releaseStore() {
        release();
    }

    @Test
    void anAppliedTransactionWritesOneMessageWithItsIdentityAndAttributes() {
        AppliedTransaction t = ledger.apply(recharge("psp-1", ana, 350));

        List<OutboxMessage> messages = store.poll(10);
        assertThat(messages).hasSize(1);
        OutboxMessage m = messages.get(0);
        assertThat(m.transactionId()).isEqualTo(t.id());
        assertThat(m.key()).isEqualTo(IdempotencyKey.of("psp-1"));
        assertThat(m.kind()).isEqualTo("recharge");
        assertThat(m.attributes()).isEqualTo(Map.of("purchase", "psp-1"));
        assertThat(m.committedAt()).isEqualTo(T0).isEqualTo(t.committedAt());
    }

    @Test
    void replaysAndFailedRequestsWriteNoMessage() {
        ledger.apply(recharge("psp-1", ana, 10));
        ledger.apply(recharge("psp-1", ana, 10));
        assertThatThrownBy(() -> ledger.apply(gift("gift-1", ana, bo, 20)))
                .isInstanceOf(InsufficientCoinsException.class);
        assertThat(store.poll(10)).extracting(OutboxMessage::key).containsExactly(IdempotencyKey.of("psp-1"));
    }

    @Test
    void messagesStayUntilAcknowledgedAndComeOldestFirst() {
        for (int i = 0; i < 5; i++) {
            ledger.apply(recharge("psp-" + i, ana, 10));
        }
        List<OutboxMessage> first = store.poll(3);
        assertThat(first).extracting(m -> m.key().value()).containsExactly("psp-0", "psp-1", "psp-2");
        assertThat(store.poll(3)).as("polling does not consume").isEqualTo(first);

        store.acknowledge(first);
        store.acknowledge(first);
        assertThat(store.poll(10)).extracting(m -> m.key().value()).containsExactly("psp-3", "psp-4");
    }

    @Test
    void aBatchWritesOneMessagePerAppliedRequest() {
        ledger.apply(recharge("psp-0", ana, 100));
        ledger.applyAll(List.of(recharge("psp-0", ana, 100), gift("gift-1", ana, bo, 20), gift("gift-2", ana, bo, 20)));
        assertThat(store.poll(10)).extracting(m -> m.key().value()).containsExactly("psp-0", "gift-1", "gift-2");
    }

    @Test
    void aRelayLoopDeliversEveryTransactionAtLeastOnce() {
        List<String> delivered = new ArrayList<>();
        ledger.apply(recharge("psp-0", ana, 100));
        for (int i = 0; i < 7; i++) {
            ledger.apply(gift("gift-" + i, ana, bo, 2));
            List<OutboxMessage> batch = store.poll(2);
            batch.forEach(m -> delivered.add(m.key().value()));
            store.acknowledge(batch);
        }
        List<OutboxMessage> rest;
        while (!(rest = store.poll(2)).isEmpty()) {
            rest.forEach(m -> delivered.add(m.key().value()));
            store.acknowledge(rest);
        }
        assertThat(delivered)
                .containsExactly("psp-0", "gift-0", "gift-1", "gift-2", "gift-3", "gift-4", "gift-5", "gift-6");
    }

    @Test
    void pollRejectsANonPositiveMaximum() {
        assertThatThrownBy(() -> store.poll(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.acknowledge(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentRequestsLeaveExactlyOneMessagePerAppliedTransaction() throws Exception {
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        // Every key is sent by two threads: one applies it, the other replays it.
                        ledger.apply(recharge("k-" + ((thread / 2) * 40 + i), ana, 1));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> keys = new ArrayList<>();
        List<OutboxMessage> batch;
        while (!(batch = store.poll(50)).isEmpty()) {
            batch.forEach(m -> keys.add(m.key().value()));
            store.acknowledge(batch);
        }
        assertThat(keys).hasSize(threads / 2 * 40).doesNotHaveDuplicates();
        assertThat(ledger.balance(dev.coinage.ledger.AccountId.userCoins(ana))).isEqualTo(threads / 2 * 40);
    }

    @Test
    void concurrentRelaysClaimingAndAcknowledgingDeliverEachMessageExactlyOnce() throws Exception {
        int messages = 240;
        int relays = 6;
        for (int i = 0; i < messages; i++) {
            ledger.apply(recharge("psp-" + i, ana, 1));
        }
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(relays);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < relays; r++) {
                String relay = "relay-" + r;
                done.add(pool.submit(() -> {
                    start.await();
                    List<OutboxMessage> batch;
                    while (!(batch = store.claim(relay, 7, Duration.ofMinutes(5))).isEmpty()) {
                        batch.forEach(m -> delivered.add(m.key().value()));
                        TimeUnit.MILLISECONDS.sleep(1); // publishing takes a while: the other relays claim meanwhile
                        store.acknowledge(batch);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(delivered).hasSize(messages).doesNotHaveDuplicates();
        assertThat(store.poll(10)).isEmpty();
    }

    @Test
    void aClaimLeasesWhatItReturnsOldestFirstAndPollStillSeesIt() {
        for (int i = 0; i < 5; i++) {
            ledger.apply(recharge("psp-" + i, ana, 10));
        }
        List<OutboxMessage> a = store.claim("a", 2, Duration.ofSeconds(30));
        assertThat(a).extracting(m -> m.key().value()).containsExactly("psp-0", "psp-1");
        assertThat(store.claim("b", 2, Duration.ofSeconds(30)))
                .extracting(m -> m.key().value())
                .containsExactly("psp-2", "psp-3");
        assertThat(store.claim("a", 10, Duration.ofSeconds(30)))
                .as("a relay's own live claims are not returned to it again")
                .extracting(m -> m.key().value())
                .containsExactly("psp-4");
        assertThat(store.claim("c", 10, Duration.ofSeconds(30))).isEmpty();
        assertThat(store.poll(10)).as("poll neither leases nor hides").hasSize(5);

        store.acknowledge(a);
        assertThat(store.poll(10)).extracting(m -> m.key().value()).containsExactly("psp-2", "psp-3", "psp-4");
    }

    @Test
    void aRelayThatDiesBeforeAcknowledgingHasItsMessagesClaimedAgainWhenItsLeaseEnds() {
        for (int i = 0; i < 3; i++) {
            ledger.apply(recharge("psp-" + i, ana, 10));
        }
        List<OutboxMessage> lost = store.claim("dies", 10, Duration.ofSeconds(30));
        assertThat(lost).hasSize(3);

        clock.advance(Duration.ofSeconds(29));
        assertThat(store.claim("survivor", 10, Duration.ofSeconds(30))).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        List<OutboxMessage> again = store.claim("survivor", 10, Duration.ofSeconds(30));
        assertThat(again).isEqualTo(lost);
        assertThat(store.claim("third", 10, Duration.ofSeconds(30)))
                .as("the new lease holds")
                .isEmpty();

        store.acknowledge(again);
        clock.advance(Duration.ofMinutes(5));
        assertThat(store.claim("third", 10, Duration.ofSeconds(30))).isEmpty();
        assertThat(store.poll(10)).isEmpty();
    }

    @Test
    void aMessageWrittenAfterAClaimIsClaimable() {
        ledger.apply(recharge("psp-0", ana, 10));
        assertThat(store.claim("a", 10, Duration.ofSeconds(30))).hasSize(1);
        ledger.apply(recharge("psp-1", ana, 10));
        assertThat(store.claim("b", 10, Duration.ofSeconds(30)))
                .extracting(m -> m.key().value())
                .containsExactly("psp-1");
    }

    @Test
    void claimRejectsBadArguments() {
        Duration lease = Duration.ofSeconds(30);
        assertThatThrownBy(() -> store.claim(null, 1, lease)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.claim("a", 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.claim(" ", 1, lease)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("a".repeat(201), 1, lease)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("a", 0, lease)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("a", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("a", 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("a", 1, Duration.ofDays(1).plusNanos(1000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock that a test moves forward by hand. */
    protected static final class MutableClock extends Clock {
        private volatile Instant now;

        /**
         * Starts the clock.
         *
         * @param start the first instant
         */
        public MutableClock(Instant start) {
            this.now = start;
        }

        /**
         * Moves the clock forward.
         *
         * @param by how far
         */
        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
