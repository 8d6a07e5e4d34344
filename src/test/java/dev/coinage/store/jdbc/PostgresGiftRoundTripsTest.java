package dev.coinage.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.Coinage;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.MemberProfile;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.TestFunds;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts the round trips to PostgreSQL that {@code Coinage.gifts().send} and the store's {@code apply} make, so that a
 * change that adds one is seen. docs/postgres.md says where each goes.
 */
class PostgresGiftRoundTripsTest {
    private static final UserId VIEWER = UserId.of("viewer-1");
    private static final UserId CREATOR = UserId.of("creator-1");

    private EmbeddedPostgresSupport.TestDatabase database;
    private CountingDataSource counting;
    private Coinage coinage;

    @BeforeEach
    void setUp() {
        database = EmbeddedPostgresSupport.newDatabase(2);
        counting = new CountingDataSource(database.dataSource());
        MemberProfile adult = MemberProfile.of(LocalDate.of(1990, 1, 1), Region.of("US"));
        coinage = Coinage.builder()
                .definition(ExampleEconomy.definition())
                .store(PostgresLedgerStore.create(counting))
                .members(user -> Optional.of(adult))
                .build();
        TestFunds.fund(coinage.store(), VIEWER, 1_000, 1);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private GiftReceipt send(String key) {
        return coinage.gifts()
                .send(GiftRequest.live(IdempotencyKey.of(key), VIEWER, CREATOR, GiftId.of("rose"), "live-1"));
    }

    /**
     * A gift to a creator the store has seen: the use case's read (the sender's lots, wallet freeze and own caps in one
     * query), then the ledger transaction: key claim and locks in one message, then the writes and the commit in one
     * message. The key is not looked up first: the claim finds an earlier gift.
     */
    @Test
    void aGiftToAKnownCreatorMakesThreeRoundTripsOfWhichTwoApplyIt() {
        send("tap-1");
        counting.reset();
        GiftReceipt receipt = send("tap-2");
        assertThat(receipt.replay()).isFalse();
        List<String> log = List.copyOf(counting.log);
        String all = String.join("\n", log);
        assertThat(counting.roundTrips()).as(all).isEqualTo(3);
        assertThat(log.get(0)).as(all).contains("coinage_account").contains("coinage_user_limit");
        assertThat(log.get(log.size() - 2))
                .as(all)
                .contains("INSERT INTO coinage_transaction")
                .contains("FOR UPDATE");
        assertThat(log.get(log.size() - 1))
                .as(all)
                .contains("INSERT INTO coinage_entry")
                .endsWith("; COMMIT");
    }

    /** A retried gift is answered from the key's claim: a replay, and nothing more is written. */
    @Test
    void aRetriedGiftIsAReplayThatWritesNothing() {
        GiftReceipt first = send("tap-1");
        var balances = coinage.store().snapshot().balances();
        counting.reset();
        GiftReceipt again = send("tap-1");
        assertThat(again.replay()).isTrue();
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(again.coinsSpent()).isEqualTo(first.coinsSpent());
        String all = String.join("\n", counting.log);
        assertThat(counting.log).as(all).noneMatch(sql -> sql.contains("INSERT INTO coinage_entry"));
        assertThat(counting.log).as(all).noneMatch(sql -> sql.contains("INSERT INTO coinage_account"));
        assertThat(coinage.store().snapshot().balances()).isEqualTo(balances);
    }

    /** A store-level apply of one transfer: claim and lock in one message, then write and commit in one message. */
    @Test
    void oneRequestIsTwoRoundTripsAndAReplayThree() {
        LedgerStore store = coinage.store();
        store.open(AccountId.userCoins(CREATOR));
        counting.reset();
        store.apply(transfer("t-1"));
        List<String> log = List.copyOf(counting.log);
        String all = String.join("\n", log);
        assertThat(counting.roundTrips()).as(all).isEqualTo(2);
        assertThat(log.get(0))
                .as(all)
                .contains("INSERT INTO coinage_transaction")
                .contains("FOR UPDATE");
        assertThat(log.get(1))
                .as(all)
                .contains("INSERT INTO coinage_entry")
                .contains("UPDATE coinage_balance_shard")
                .endsWith("; COMMIT");

        counting.reset();
        assertThat(store.apply(transfer("t-1")).replay()).isTrue();
        assertThat(counting.roundTrips()).as(String.join("\n", counting.log)).isEqualTo(3);
    }

    private static TransactionRequest transfer(String key) {
        return TransactionRequest.builder(IdempotencyKey.of(key), "test")
                .debit(AccountId.userCoins(VIEWER), 1)
                .credit(AccountId.userCoins(CREATOR), 1)
                .build();
    }
}
