package dev.coinage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.TransactionRequest;
import dev.coinage.spi.LedgerStore;
import dev.coinage.store.LedgerStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryLedgerStoreTest extends LedgerStoreContract {
    @Override
    protected LedgerStore newStore(Clock clock) {
        return InMemoryLedgerStore.create(clock);
    }

    /**
     * A clock that blocks the thread named "slow" while it reads the time: the store reads the clock once it holds the
     * locks of the member accounts a transaction debits, so this parks a transaction in the middle of being applied.
     */
    private static final class GateClock extends Clock {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().equals("slow")) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return T0;
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

    @Test
    void transfersOnDisjointAccountsDoNotWaitForEachOther() throws Exception {
        GateClock clock = new GateClock();
        InMemoryLedgerStore gated = InMemoryLedgerStore.create(clock);
        AccountId a = AccountId.userCoins(UserId.of("a"));
        AccountId b = AccountId.userCoins(UserId.of("b"));
        AccountId c = AccountId.userCoins(UserId.of("c"));
        AccountId d = AccountId.userCoins(UserId.of("d"));
        for (AccountId x : new AccountId[] {a, b, c, d}) {
            gated.open(x);
        }
        AccountId bonus = AccountId.system(AccountType.COINS_ISSUED_BONUS);
        Thread slow = new Thread(
                () -> gated.apply(TransactionRequest.builder(IdempotencyKey.of("slow"), "seed")
                        .debit(bonus, 10)
                        .credit(a, 10)
                        .build()),
                "slow");
        slow.start();
        try {
            assertThat(clock.entered.await(30, TimeUnit.SECONDS)).isTrue();
            // The slow transaction is parked while applied, about to post to the system account `bonus` and to `a`;
            // one on c and another system account must complete meanwhile.
            CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> {
                gated.apply(TransactionRequest.builder(IdempotencyKey.of("fast"), "seed")
                        .debit(AccountId.system(AccountType.COINS_ISSUED_PAID), 5)
                        .credit(c, 5)
                        .build());
                return gated.balance(c);
            });
            assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(slow.isAlive()).isTrue();
        } finally {
            clock.release.countDown();
            slow.join(30_000);
        }
        assertThat(gated.balance(a)).isEqualTo(10);
    }
}
