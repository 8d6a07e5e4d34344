package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.spi.LedgerStore;
import dev.coinage.store.OutboxContract;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox contract on the in-memory store made with an outbox; the plain store refuses to poll. */
class InMemoryOutboxTest extends OutboxContract {
    @Override
    protected LedgerStore newStore(Clock clock) {
        return InMemoryLedgerStore.withOutbox(clock);
    }

    @Test
    void aStoreMadeWithoutAnOutboxSaysSoInsteadOfReturningNothing() {
        InMemoryLedgerStore plain = InMemoryLedgerStore.create();
        assertThatThrownBy(() -> plain.poll(10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withOutbox");
        assertThatThrownBy(() -> plain.acknowledge(List.of())).isInstanceOf(IllegalStateException.class);
    }
}
