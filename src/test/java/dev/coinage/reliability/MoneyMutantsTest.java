package dev.coinage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.Lots;
import dev.coinage.gift.CoinsOnHoldException;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.policy.AbusePolicy;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests written to kill mutants that survived the mutation run of the money code (docs/reliability.md lists the ones
 * left, and why).
 */
class MoneyMutantsTest {
    static final UserId VIEWER = UserId.of("viewer");
    static final UserId ANA = UserId.of("ana");
    static final UserId BEN = UserId.of("ben");

    @Test
    void aLotNameTakesCreditTimesFromZeroToThirteenDigitsAndNothingOutside() {
        String hash = Lots.purchaseHash("p-1");
        assertThat(Lots.paid(VIEWER, 0, hash).reference()).contains("0000000000000." + hash.substring(0, Lots.HASH));
        assertThat(Lots.bonus(VIEWER, 9_999_999_999_999L, hash).reference())
                .contains("9999999999999." + hash.substring(0, Lots.HASH));
        assertThatThrownBy(() -> Lots.paid(VIEWER, -1, hash)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lots.paid(VIEWER, 10_000_000_000_000L, hash))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void heldCoinsMayBeSpentFromTheInstantTheHoldEndsAndNotAMillisecondBefore() {
        TestEconomy e = new TestEconomy(
                InMemoryLedgerStore.create(), AbusePolicy.none().withFirstPurchaseHold(1_000, Duration.ofDays(3)));
        e.buy(VIEWER, "web-7000", "o1");
        e.advance(Duration.ofDays(3).minusMillis(1));
        assertThatThrownBy(() -> e.gift("g1", VIEWER, ANA, "rose", 1)).isInstanceOf(CoinsOnHoldException.class);
        e.advance(Duration.ofMillis(1));
        e.gift("g1", VIEWER, ANA, "rose", 1);
        assertThat(e.coins(VIEWER)).isEqualTo(6_999);
    }

    @Test
    void inABatchTheCoinsSpendableNowAreWhatEarlierGiftsOfTheBatchLeft() {
        TestEconomy e = new TestEconomy(
                InMemoryLedgerStore.create(), AbusePolicy.none().withFirstPurchaseHold(1_000, Duration.ofDays(3)));
        e.buy(VIEWER, "web-7000", "o1");
        e.buy(VIEWER, "web-350", "o2");
        assertThatThrownBy(() -> e.coinage
                        .gifts()
                        .sendAll(List.of(
                                TestEconomy.request("b1", VIEWER, ANA, "rose", 300),
                                TestEconomy.request("b2", VIEWER, ANA, "rose", 200))))
                .isInstanceOfSatisfying(CoinsOnHoldException.class, x -> {
                    assertThat(x.required()).isEqualTo(200);
                    assertThat(x.spendable()).isEqualTo(50);
                    assertThat(x.held()).isEqualTo(7_000);
                });
        assertThat(e.coins(VIEWER)).isEqualTo(7_350);
    }

    @Test
    void withTheHoldOnCoinsWithoutALotAreStillAProgrammingErrorNotAHold() {
        InMemoryLedgerStore store = InMemoryLedgerStore.create();
        TestEconomy e = new TestEconomy(store, AbusePolicy.none().withFirstPurchaseHold(1_000, Duration.ofDays(3)));
        AccountId wallet = AccountId.userCoins(VIEWER);
        store.open(wallet);
        store.apply(TransactionRequest.builder(IdempotencyKey.of("outside"), "import")
                .debit(AccountId.system(AccountType.COINS_ISSUED_PAID), 100)
                .credit(wallet, 100)
                .build());
        assertThatThrownBy(() -> e.gift("g1", VIEWER, ANA, "rose", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPairIsFlaggedWhenTheCoinsBackReachTheLineExactly() {
        TestEconomy e =
                new TestEconomy(InMemoryLedgerStore.create(), AbusePolicy.none().withCircularFlowFlag(29_999, true));
        for (int i = 0; i < 5; i++) {
            e.buy(ANA, "web-7000", "a" + i);
            e.buy(BEN, "web-7000", "b" + i);
        }
        e.gift("a-to-b", ANA, BEN, "lion", 1);
        e.gift("b-to-a", BEN, ANA, "galaxy", 30);
        assertThat(e.flags).hasSize(1);
        assertThat(e.flags.get(0).coinsReceived()).isEqualTo(29_999);
    }

    @Test
    void aFlagLostWithTheStoreIsRaisedByTheRetryOfTheGift() {
        FaultyStore store = new FaultyStore(InMemoryLedgerStore.create());
        TestEconomy e = new TestEconomy(store, AbusePolicy.none().withCircularFlowFlag(20_000, true));
        for (int i = 0; i < 5; i++) {
            e.buy(ANA, "web-7000", "a" + i);
            e.buy(BEN, "web-7000", "b" + i);
        }
        e.gift("a-to-b", ANA, BEN, "lion", 1);
        store.failNext("abuse-flag");
        assertThatThrownBy(() -> e.gift("b-to-a", BEN, ANA, "lion", 1)).isInstanceOf(FaultyStore.InjectedFault.class);
        assertThat(e.flags).isEmpty();
        e.gift("b-to-a", BEN, ANA, "lion", 1);
        assertThat(e.flags).hasSize(1);
        assertThat(e.coins(BEN)).isEqualTo(35_000 - 29_999);
    }

    @Test
    void aBatchThatCrossesTheLineFlagsThePair() {
        TestEconomy e =
                new TestEconomy(InMemoryLedgerStore.create(), AbusePolicy.none().withCircularFlowFlag(20_000, true));
        for (int i = 0; i < 5; i++) {
            e.buy(ANA, "web-7000", "a" + i);
            e.buy(BEN, "web-7000", "b" + i);
        }
        e.gift("a-to-b", ANA, BEN, "lion", 1);
        e.coinage.gifts().sendAll(List.of(TestEconomy.request("b-to-a", BEN, ANA, "lion", 1)));
        assertThat(e.flags).hasSize(1);
    }

    @Test
    void aFlagLostWithTheStoreIsRaisedByTheReplayOfTheBatch() {
        FaultyStore store = new FaultyStore(InMemoryLedgerStore.create());
        TestEconomy e = new TestEconomy(store, AbusePolicy.none().withCircularFlowFlag(20_000, true));
        for (int i = 0; i < 5; i++) {
            e.buy(ANA, "web-7000", "a" + i);
            e.buy(BEN, "web-7000", "b" + i);
        }
        e.gift("a-to-b", ANA, BEN, "lion", 1);
        List<dev.coinage.gift.GiftRequest> batch = List.of(TestEconomy.request("b-to-a", BEN, ANA, "lion", 1));
        store.failNext("abuse-flag");
        assertThatThrownBy(() -> e.coinage.gifts().sendAll(batch)).isInstanceOf(FaultyStore.InjectedFault.class);
        assertThat(e.flags).isEmpty();
        e.coinage.gifts().sendAll(batch);
        assertThat(e.flags).hasSize(1);
        assertThat(e.coins(BEN)).isEqualTo(35_000 - 29_999);
    }
}
