package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntryLogTest {
    @Test
    void entriesAcrossManyChunksComeBackInOrder() {
        EntryLog log = new EntryLog();
        int n = 5 * 1024 + 7;
        for (int i = 1; i <= n; i++) {
            log.add(i * 3);
        }
        assertThat(log.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(log.transaction(i)).isEqualTo((i + 1) * 3);
        }
        assertThatThrownBy(() -> log.transaction(n)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.transaction(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
