package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftRequest;
import dev.coinage.json.EconomyJson;
import dev.coinage.policy.MemberProfile;
import dev.coinage.spi.OutboxMessage;
import dev.coinage.store.memory.InMemoryLedgerStore;
import dev.coinage.testing.FakePaymentGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {
    private final SimulatedClock clock = SimulatedClock.at(LiveStreamDay.START);
    private final InMemoryLedgerStore store = InMemoryLedgerStore.withOutbox(clock);
    private final List<OutboxMessage> broker = new ArrayList<>();

    @BeforeEach
    void aPurchaseAndThreeGifts() throws Exception {
        Region us = Region.of("US");
        Coinage coinage = Coinage.builder()
                .definition(EconomyJson.read(Path.of("examples/economy.json")))
                .store(store)
                .members(member -> Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), us)))
                .payments(new FakePaymentGateway())
                .clock(clock)
                .build();
        UserId viewer = UserId.of("viewer-1");
        coinage.recharges()
                .charge(
                        coinage.quotes()
                                .quotePackage(
                                        viewer,
                                        ChannelId.WEB,
                                        PackageId.of("web-700"),
                                        Monetary.getCurrency("USD"),
                                        us),
                        IdempotencyKey.of("order-1"));
        for (int i = 1; i <= 3; i++) {
            GiftRequest tap = GiftRequest.live(
                    IdempotencyKey.of("tap-" + i), viewer, UserId.of("creator-1"), GiftId.of("rose"), "live-1");
            coinage.gifts().send(tap);
            coinage.gifts().send(tap); // a retried tap writes no second message
        }
    }

    @Test
    void theRelayPublishesEveryCommittedTransactionOnceAndEmptiesTheOutbox() {
        int pending = store.poll(1_000).size();
        assertThat(pending).isGreaterThanOrEqualTo(4);
        OutboxRelay relay = new OutboxRelay(store, "instance-a", Duration.ofSeconds(30), broker::add);

        assertThat(relay.drain(2)).isEqualTo(pending);
        assertThat(broker).hasSize(pending);
        assertThat(broker.stream().map(OutboxMessage::key).distinct()).hasSize(pending);
        assertThat(store.poll(1_000)).isEmpty();
        assertThat(relay.drain(2)).isZero();
    }

    @Test
    void aFailedPublishLeavesTheRestLeasedUntilTheLeaseEndsThenAnotherRelayDeliversThem() {
        int pending = store.poll(1_000).size();
        int[] calls = {0};
        OutboxRelay flaky = new OutboxRelay(store, "instance-a", Duration.ofSeconds(30), m -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("broker unavailable");
            }
            broker.add(m);
        });
        assertThat(flaky.relayOnce(100)).hasSize(1);

        OutboxRelay other = new OutboxRelay(store, "instance-b", Duration.ofSeconds(30), broker::add);
        assertThat(other.drain(100)).as("still leased to instance-a").isZero();
        clock.advance(Duration.ofSeconds(31));
        assertThat(other.drain(100)).isEqualTo(pending - 1);
        assertThat(broker.stream().map(OutboxMessage::key).distinct()).hasSize(pending);
        assertThat(store.poll(1_000)).isEmpty();
    }
}
