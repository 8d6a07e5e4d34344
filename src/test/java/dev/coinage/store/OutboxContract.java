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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store that is also a {@link TransactionOutbox} must do: every applied transaction, and only those, leaves
 * one message until it is acknowledged. Run by the in-memory and the PostgreSQL store.
 */
public abstract class OutboxContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");

    private final UserId ana = UserId.of("ana");
    private final UserId bo = UserId.of("bo");
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
        ledger = newStore(Clock.fixed(T0, ZoneOffset.UTC));
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
}
