package dev.coinage.gift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.InsufficientBalanceException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.Posting;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A guarded debit the store refuses is read by what the gift meant by it: a lot lost to another request is picked again,
 * an allowance is the spending limit, the wallet is too few coins. The store here refuses a chosen debit of a gift's
 * transaction, as a concurrent request would have made it do.
 */
class RefusedDebitTest {
    private static final GiftId ROSE = GiftId.of("rose");

    /** Refuses, while {@link #times} is positive, the first debit of a gift transaction whose account matches. */
    private static final class RefusingStore {
        final LedgerStore real = InMemoryLedgerStore.create();
        final AtomicInteger giftApplies = new AtomicInteger();
        volatile Predicate<AccountId> refuse = a -> false;
        volatile AccountId foreign;
        volatile int times;

        LedgerStore store() {
            return (LedgerStore) Proxy.newProxyInstance(
                    LedgerStore.class.getClassLoader(), new Class<?>[] {LedgerStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("apply")) {
                            check(List.of((TransactionRequest) args[0]));
                        } else if (method.getName().equals("applyAll")) {
                            @SuppressWarnings("unchecked")
                            List<TransactionRequest> requests = (List<TransactionRequest>) args[0];
                            check(requests);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private void check(List<TransactionRequest> requests) {
            boolean gift = false;
            for (TransactionRequest r : requests) {
                if (!r.kind().equals(GiftTransactions.KIND)) {
                    continue;
                }
                gift = true;
                if (foreign != null && times > 0) {
                    times--;
                    giftApplies.incrementAndGet();
                    throw InsufficientBalanceException.of(foreign, 1, 0);
                }
                for (Posting p : r.postings()) {
                    if (p.amount() < 0 && refuse.test(p.account()) && times > 0) {
                        times--;
                        giftApplies.incrementAndGet();
                        throw InsufficientBalanceException.of(p.account(), -p.amount(), 0);
                    }
                }
            }
            if (gift) {
                giftApplies.incrementAndGet();
            }
        }
    }

    /** A gifting service on a refusing store, with a funded viewer and a creator. */
    private static final class World {
        final RefusingStore refusing = new RefusingStore();
        final GiftingFixture f;
        final UserId viewer;
        final UserId creator;

        World(List<SpendingLimit> limits) {
            f = new GiftingFixture(
                    GiftingFixture.economy(1, 2, ConversionMode.CARRY, Duration.ofHours(1), limits),
                    null,
                    refusing.store());
            viewer = f.viewer("viewer", 1_000);
            creator = f.creator("creator");
        }

        GiftRequest rose(String key) {
            return new GiftRequest(IdempotencyKey.of(key), viewer, creator, ROSE, 1, GiftContext.LIVE, "live-1");
        }
    }

    private final World w = new World(List.of());
    private final RefusingStore refusing = w.refusing;
    private final GiftingFixture f = w.f;
    private final UserId viewer = w.viewer;
    private final UserId creator = w.creator;

    private GiftRequest rose(String key) {
        return w.rose(key);
    }

    private static boolean isLot(AccountId a) {
        return a.type() == AccountType.LOT_PAID || a.type() == AccountType.LOT_BONUS;
    }

    @Test
    void aLotLostToAnotherRequestIsPickedAgainAndTheGiftIsSent() {
        refusing.refuse = RefusedDebitTest::isLot;
        refusing.times = 1;

        GiftReceipt r = f.gifting.send(rose("a"));

        assertThat(r.coinsSpent()).isEqualTo(1);
        assertThat(r.senderBalanceAfter()).isEqualTo(999);
        assertThat(refusing.giftApplies).hasValue(2);
    }

    @Test
    void aLotLostInABatchIsPickedAgainForTheWholeBatch() {
        refusing.refuse = RefusedDebitTest::isLot;
        refusing.times = 1;

        List<GiftReceipt> rs = f.gifting.sendAll(List.of(rose("a"), rose("b")));

        assertThat(rs).extracting(GiftReceipt::senderBalanceAfter).containsExactly(999L, 998L);
        assertThat(refusing.giftApplies).hasValue(2);
    }

    @Test
    void aLotLostOnEveryAttemptEndsInConcurrentSpendingAndWritesNothing() {
        refusing.refuse = RefusedDebitTest::isLot;
        refusing.times = Integer.MAX_VALUE;

        Throwable thrown = catchThrowable(() -> f.gifting.send(rose("a")));

        assertThat(thrown).isInstanceOf(ConcurrentSpendingException.class);
        ConcurrentSpendingException e = (ConcurrentSpendingException) thrown;
        assertThat(e.user()).isEqualTo(viewer);
        assertThat(e.attempts()).isEqualTo(Lots.ATTEMPTS);
        assertThat(refusing.giftApplies).hasValue(Lots.ATTEMPTS);
        assertThat(f.coins(viewer)).isEqualTo(1_000);
    }

    @Test
    void aRefusedWalletIsTooFewCoinsAndIsNotTriedAgain() {
        AccountId wallet = AccountId.userCoins(viewer);
        refusing.refuse = wallet::equals;
        refusing.times = 1;

        Throwable thrown = catchThrowable(() -> f.gifting.send(rose("a")));

        assertThat(thrown).isInstanceOf(InsufficientCoinsException.class);
        assertThat(((InsufficientCoinsException) thrown).account()).isEqualTo(wallet);
        assertThat(refusing.giftApplies).hasValue(1);
    }

    @Test
    void aRefusedAllowanceIsTheSpendingLimitWithItsFigures() {
        World t = new World(List.of(SpendingLimit.ofCoins(LimitPeriod.DAY, 100)));
        t.refusing.refuse = a -> a.type() == AccountType.USER_ALLOWANCE;
        t.refusing.times = 1;

        Throwable thrown = catchThrowable(() -> t.f.gifting.send(t.rose("a")));

        assertThat(thrown).isInstanceOf(LimitExceededException.class);
        LimitExceededException e = (LimitExceededException) thrown;
        assertThat(e.user()).isEqualTo(t.viewer);
        assertThat(e.period()).isEqualTo(LimitPeriod.DAY);
        assertThat(e.limit()).isEqualTo(100);
        assertThat(e.used()).isEqualTo(100); // the store said nothing was left
        assertThat(e.attempted()).isEqualTo(1);
        assertThat(t.refusing.giftApplies).hasValue(1);
        assertThat(t.f.gifting.remainingAllowance(t.viewer, LimitPeriod.DAY)).hasValue(100);
    }

    @Test
    void aRefusedDebitTheGiftDidNotMakeIsPassedOnAsItIsEvenOfALotType() {
        // A lot by its type, but not one this gift picked: nothing says another request took it, so no retry.
        AccountId strangersLot = AccountId.member(AccountType.LOT_PAID, UserId.of("stranger"), "0000000000001.x");
        refusing.foreign = strangersLot;
        refusing.times = 1;

        Throwable thrown = catchThrowable(() -> f.gifting.send(rose("a")));

        assertThat(thrown).isInstanceOf(InsufficientBalanceException.class);
        assertThat(((InsufficientBalanceException) thrown).account()).isEqualTo(strangersLot);
        assertThat(refusing.giftApplies).hasValue(1);
    }

    @Test
    void aPreparedGiftKnowsWhatEachOfItsGuardedDebitsStandsFor() {
        AccountId wallet = AccountId.userCoins(viewer);
        AccountId lot = AccountId.member(AccountType.LOT_PAID, viewer, "0000000000001.y");
        AccountId allowance = AccountId.member(AccountType.USER_ALLOWANCE, viewer, "day-20251125");
        AccountId hold = AccountId.creatorHold(creator, "2025112509");
        PreparedGift p = new PreparedGift(
                rose("a"),
                null,
                wallet,
                hold,
                List.of(new Lots.Take(lot, 1)),
                Map.of(allowance, new Cap(viewer, LimitPeriod.DAY, "day-20251125", 100)),
                Set.of());

        assertThat(p.role(wallet)).contains(DebitRole.WALLET);
        assertThat(p.role(lot)).contains(DebitRole.LOT);
        assertThat(p.role(allowance)).contains(DebitRole.ALLOWANCE);
        assertThat(p.role(hold)).isEmpty();
        assertThat(p.role(AccountId.member(AccountType.LOT_PAID, viewer, "0000000000002.y")))
                .isEmpty();
    }
}
