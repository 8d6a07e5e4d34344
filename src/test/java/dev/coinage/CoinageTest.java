package dev.coinage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.Region;
import dev.coinage.core.Coins;
import dev.coinage.core.Diamonds;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.CreatorEarnings;
import dev.coinage.gift.GiftRequest;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.policy.MemberProfile;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.spi.Members;
import dev.coinage.store.memory.InMemoryLedgerStore;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoinageTest {
    private static final Members ADULTS =
            user -> Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), Region.of("US")));

    @Test
    void theBuilderSaysWhatToCallWhenAPartIsMissing() {
        assertThatThrownBy(() -> Coinage.builder().members(ADULTS).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Coinage.builder().definition(");
        assertThatThrownBy(() -> Coinage.builder()
                        .definition(ExampleEconomy.definition())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Coinage.builder().members(");
        assertThatThrownBy(() -> Coinage.builder().store(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void membersNeverWrittenReadAsZero() {
        Coinage coinage = Coinage.builder()
                .definition(ExampleEconomy.definition())
                .members(ADULTS)
                .build();
        UserId stranger = UserId.of("never-seen");
        assertThat(coinage.coins(stranger)).isEqualTo(Coins.ZERO);
        assertThat(coinage.diamonds(stranger)).isEqualTo(Diamonds.ZERO);
        CreatorEarnings earnings = coinage.earnings(stranger);
        assertThat(earnings.heldParts()).isZero();
        assertThat(earnings.carryParts()).isZero();
        assertThat(earnings.availableDiamonds()).isZero();
        assertThat(earnings.reservedDiamonds()).isZero();
    }

    @Test
    void twoEconomiesInOneJvmShareNothingUnlessGivenTheSameStore() {
        InMemoryLedgerStore shared = InMemoryLedgerStore.create();
        Coinage a = Coinage.builder()
                .definition(ExampleEconomy.definition())
                .members(ADULTS)
                .store(shared)
                .build();
        Coinage b = Coinage.builder()
                .definition(ExampleEconomy.definition())
                .members(ADULTS)
                .build();
        assertThat(a.store()).isSameAs(shared);
        assertThat(b.store()).isNotSameAs(shared);
        assertThat(a.toBuilder().build().store()).isSameAs(shared);
    }

    @Test
    void aGiftWithoutCoinsIsRefusedWithTheFiguresAndLeavesTheWalletAtZero() {
        Coinage coinage = Coinage.builder()
                .definition(ExampleEconomy.definition())
                .members(ADULTS)
                .build();
        UserId viewer = UserId.of("viewer");
        GiftRequest rose =
                GiftRequest.live(IdempotencyKey.of("tap"), viewer, UserId.of("creator"), GiftId.of("rose"), "live");
        assertThatThrownBy(() -> coinage.gifts().send(rose))
                .isInstanceOfSatisfying(InsufficientCoinsException.class, e -> {
                    assertThat(e.required()).isEqualTo(1);
                    assertThat(e.available()).isZero();
                });
        assertThat(coinage.coins(viewer)).isEqualTo(Coins.ZERO);
    }

    @Test
    void chargingWithoutAPaymentGatewaySaysHowToAddOne() {
        Coinage coinage = Coinage.builder()
                .definition(ExampleEconomy.definition())
                .members(ADULTS)
                .build();
        var quote = coinage.quotes()
                .quotePackage(
                        UserId.of("viewer"),
                        dev.coinage.catalog.ChannelId.WEB,
                        dev.coinage.catalog.PackageId.of("web-70"),
                        javax.money.Monetary.getCurrency("USD"),
                        Region.of("US"));
        assertThatThrownBy(() -> coinage.recharges().charge(quote, IdempotencyKey.of("order")))
                .hasMessageContaining("Coinage.builder().payments(");
        assertThat(coinage.coins(UserId.of("viewer"))).isEqualTo(Coins.ZERO);
    }
}
