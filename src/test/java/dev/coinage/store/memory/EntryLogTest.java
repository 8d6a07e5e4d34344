package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Entry;
import dev.coinage.ledger.Fingerprint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryLogTest {
    @Test
    void entriesAcrossManyChunksComeBackInOrder() {
        EntryLog log = new EntryLog();
        AccountId account = AccountId.userCoins(UserId.of("a"));
        int n = 5 * 1024 + 7;
        for (int i = 1; i <= n; i++) {
            Entry entry = new Entry(i, i, account, i, "t", Instant.EPOCH);
            log.add(
                    AppliedTransaction.of(
                            i,
                            IdempotencyKey.of("k" + i),
                            "t",
                            Fingerprint.of("t"),
                            Map.of(),
                            Instant.EPOCH,
                            List.of(entry),
                            Map.of()),
                    0);
        }
        assertThat(log.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(log.get(i).sequence()).isEqualTo(i + 1L);
        }
        assertThatThrownBy(() -> log.get(n)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
