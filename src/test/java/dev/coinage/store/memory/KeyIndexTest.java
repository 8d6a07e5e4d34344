package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.TransactionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The idempotency index under hashes chosen to collide: keys that share a segment and a home slot, tables that wrap
 * around, claims released in any order (which moves other keys back), checked against a plain map.
 */
class KeyIndexTest {
    private static final AccountId A = AccountId.userCoins(UserId.of("a"));
    private static final AccountId B = AccountId.userCoins(UserId.of("b"));

    private final TransactionLog log = new TransactionLog();
    private final KeyIndex keys = new KeyIndex(log);
    private final Records.Writer writer = new Records.Writer(new Texts());

    /** Writes a record for the key, as a store does before it commits the key; returns its index. */
    private int record(String key) {
        TransactionRequest req = TransactionRequest.builder(IdempotencyKey.of(key), "test")
                .debit(A, 1)
                .credit(B, 1)
                .build();
        writer.begin(req, 1);
        long location = writer.finish(
                log, Instant.EPOCH, req.postings(), new int[] {0, 1}, 0, new long[] {1, 1}, new long[] {-1, 1});
        int index = log.reserve(1);
        log.publish(index, 1, location);
        return index;
    }

    @Test
    void keysWithOneHashAreToldApartAndReleasedOnesCanBeClaimedAgain() {
        int hash = 0x12_00_00_05; // one segment, one home slot for every key
        Map<String, Integer> committed = new HashMap<>();
        List<String> released = new ArrayList<>();
        int[] claims = new int[40];
        for (int i = 0; i < 40; i++) {
            claims[i] = keys.claim("k" + i, hash);
            assertThat(KeyIndex.claimed(claims[i])).isTrue();
        }
        // Every other key fails, released in an order unlike the claims', which moves the keys after it back.
        for (int i = 39; i >= 0; i -= 2) {
            keys.release(hash, claims[i]);
            released.add("k" + i);
        }
        for (int i = 0; i < 40; i += 2) {
            assertThat(keys.claim("k" + i, hash)).isEqualTo(KeyIndex.BUSY);
            int index = record("k" + i);
            keys.commit(hash, claims[i], index, null);
            committed.put("k" + i, index);
        }
        committed.forEach((key, index) -> {
            assertThat(keys.find(key, hash)).isEqualTo(index);
            assertThat(keys.claim(key, hash)).isEqualTo(index);
        });
        for (String key : released) {
            assertThat(keys.find(key, hash)).isEqualTo(-1);
            int claim = keys.claim(key, hash);
            assertThat(KeyIndex.claimed(claim)).isTrue();
            keys.release(hash, claim);
        }
    }

    @Test
    void randomClaimsCommitsAndReleasesAgreeWithAMap() {
        Random random = new Random(42);
        Map<String, Integer> committed = new HashMap<>();
        Map<String, Integer> hashes = new HashMap<>();
        for (int round = 0; round < 400; round++) {
            // A burst of claims, then each claim committed or released in a random order: released keys sit amid the
            // run of keys claimed with them, so their removal moves the keys after them back.
            List<String> held = new ArrayList<>();
            List<Integer> claims = new ArrayList<>();
            int burst = 1 + random.nextInt(30);
            for (int i = 0; i < burst; i++) {
                String key = "k" + random.nextInt(2_000);
                // A few home slots at the end and the start of one segment's table, so that runs of keys cross the
                // end and meet the keys whose home is at the start.
                int hash = hashes.computeIfAbsent(
                        key,
                        k -> random.nextBoolean()
                                ? 0x7F_00_FF_FF - random.nextInt(3) * 3
                                : 0x7F_00_00_00 + random.nextInt(3));
                int claim = keys.claim(key, hash);
                if (committed.containsKey(key)) {
                    assertThat(claim).isEqualTo(committed.get(key));
                } else if (held.contains(key)) {
                    assertThat(claim).isEqualTo(KeyIndex.BUSY);
                } else {
                    assertThat(KeyIndex.claimed(claim)).isTrue();
                    held.add(key);
                    claims.add(claim);
                }
            }
            while (!held.isEmpty()) {
                int i = random.nextInt(held.size());
                String key = held.remove(i);
                int claim = claims.remove(i);
                if (random.nextBoolean()) {
                    int index = record(key);
                    keys.commit(hashes.get(key), claim, index, null);
                    committed.put(key, index);
                } else {
                    keys.release(hashes.get(key), claim);
                }
            }
            for (Map.Entry<String, Integer> h : hashes.entrySet()) {
                Integer index = committed.get(h.getKey());
                assertThat(keys.find(h.getKey(), h.getValue())).isEqualTo(index == null ? -1 : index);
            }
        }
    }
}
