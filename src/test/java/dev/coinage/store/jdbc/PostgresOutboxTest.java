package dev.coinage.store.jdbc;

import static dev.coinage.store.jdbc.Requests.gift;
import static dev.coinage.store.jdbc.Requests.recharge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.IdempotencyKey;
import dev.coinage.InsufficientCoinsException;
import dev.coinage.UserId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.spi.OutboxMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every applied transaction, and only those, leaves one outbox message until it is acknowledged. */
class PostgresOutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");

    private final UserId ana = UserId.of("ana");
    private final UserId bo = UserId.of("bo");
    private EmbeddedPostgresSupport.TestDatabase database;
    private PostgresLedgerStore store;

    @BeforeEach
    void setUp() {
        database = EmbeddedPostgresSupport.newDatabase();
        store = PostgresLedgerStore.create(database.dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
        Requests.openMember(store, ana);
        Requests.openMember(store, bo);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void anAppliedTransactionWritesOneMessageWithItsIdentityAndAttributes() {
        AppliedTransaction t = store.apply(recharge("psp-1", ana, 350));

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
        store.apply(recharge("psp-1", ana, 10));
        store.apply(recharge("psp-1", ana, 10));
        assertThatThrownBy(() -> store.apply(gift("gift-1", ana, bo, 20)))
                .isInstanceOf(InsufficientCoinsException.class);
        assertThat(store.poll(10)).extracting(OutboxMessage::key).containsExactly(IdempotencyKey.of("psp-1"));
    }

    @Test
    void messagesStayUntilAcknowledgedAndComeOldestFirst() {
        for (int i = 0; i < 5; i++) {
            store.apply(recharge("psp-" + i, ana, 10));
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
        store.apply(recharge("psp-0", ana, 100));
        store.applyAll(List.of(recharge("psp-0", ana, 100), gift("gift-1", ana, bo, 20), gift("gift-2", ana, bo, 20)));
        assertThat(store.poll(10)).extracting(m -> m.key().value()).containsExactly("psp-0", "gift-1", "gift-2");
    }

    @Test
    void aRelayLoopDeliversEveryTransactionAtLeastOnce() {
        List<String> delivered = new ArrayList<>();
        store.apply(recharge("psp-0", ana, 100));
        for (int i = 0; i < 7; i++) {
            store.apply(gift("gift-" + i, ana, bo, 2));
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
}
