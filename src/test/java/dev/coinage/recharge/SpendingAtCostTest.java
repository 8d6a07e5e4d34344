package dev.coinage.recharge;

import static dev.coinage.recharge.RechargeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.gift.LimitExceededException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.store.LedgerInvariants;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * Spending limits set in money count the coins at what they cost. The example economy caps spending at $500 a day (as
 * YouTube does for Super Chat); App Store coins cost about $0.01515 each ($249.99 for 16,500), half as much again as the
 * cheapest web coins, at which the cap is also converted to coins.
 */
class SpendingAtCostTest {
    private final RechargeFixture f = new RechargeFixture(DebtPolicy.ALLOW_DEBT);
    private final UserId ana = f.member("ana", false);
    private final UserId cleo = f.member("cleo", true);
    private int serial;

    private static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), RechargeFixture.USD);
    }

    private static java.util.Map<dev.coinage.ledger.AccountId, Long> nonZero(LedgerSnapshot snapshot) {
        java.util.Map<dev.coinage.ledger.AccountId, Long> out = new java.util.TreeMap<>(snapshot.balances());
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private void send(String gift) {
        f.gifting.send(new GiftRequest(key("g" + serial++), ana, cleo, GiftId.of(gift), 1, GiftContext.LIVE, "live-1"));
    }

    @Test
    void aDailyCapOf500DollarsStopsAppStoreCoinsAt500DollarsOfCost() {
        for (int i = 0; i < 3; i++) {
            f.appStore(ana, "apple-16500", "1000000" + i);
            f.clock.advance(Duration.ofMillis(1));
        }
        send("lion"); // 29,999 coins: $454.512122 at cost
        for (int i = 0; i < 6; i++) {
            send("money-gun"); // 500 coins: $7.575455 each
        }
        // 32,999 coins so far, far below the coins the cap buys at the cheapest coin, but $499.964852 at cost.
        long coinCap = f.gifting.platformCaps(f.clock.instant()).get(LimitPeriod.DAY);
        assertThat(coinCap).isGreaterThan(48_000);
        assertThat(f.gifting.remainingAllowance(ana, LimitPeriod.DAY)).hasValue(coinCap - 32_999);
        LedgerSnapshot before = f.store.snapshot();

        assertThatThrownBy(() -> send("money-gun")).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.period()).isEqualTo(LimitPeriod.DAY);
            assertThat(e.moneyLimit()).contains(usd("500"));
            assertThat(e.moneyUsed()).contains(usd("499.964852"));
            assertThat(e.moneyAttempted()).contains(usd("7.575455"));
            assertThat(e.attempted()).isEqualTo(500);
        });
        // Empty accounts may have been opened for the gift; no balance moved.
        assertThat(nonZero(f.store.snapshot())).isEqualTo(nonZero(before));
        assertThat(f.coins(ana)).isEqualTo(49_500 - 32_999);

        // The next day the allowance is granted afresh: a lion passes, a second one ($909.02 in all) does not.
        f.clock.advance(Duration.ofDays(1));
        f.appStore(ana, "apple-16500", "10000009");
        f.appStore(ana, "apple-16500", "10000010");
        f.appStore(ana, "apple-16500", "10000011");
        send("lion");
        assertThatThrownBy(() -> send("lion"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.moneyUsed())
                        .contains(usd("454.512122")));
        LedgerInvariants.checkLots(f.store);
    }

    @Test
    void theSameCoinsBoughtOnTheWebCostLessAndPass() {
        // web-17500: 17,850 coins (350 bonus) for $185.00: paid coins at $0.010571 each.
        for (int i = 0; i < 2; i++) {
            f.recharges.charge(f.web(ana, "web-17500"), key("c" + i));
            f.clock.advance(Duration.ofMillis(1));
        }
        send("lion");
        for (int i = 0; i < 7; i++) {
            send("money-gun");
        }
        assertThat(f.coins(ana)).isEqualTo(2 * 17_850 - 33_499); // $354.13 at cost
        LedgerInvariants.checkLots(f.store);
        LedgerInvariants.check(f.store, Set.of());
    }
}
