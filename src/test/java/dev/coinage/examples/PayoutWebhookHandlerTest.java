package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.earnings.Payout;
import dev.coinage.earnings.PayoutStatus;
import dev.coinage.gift.GiftRequest;
import dev.coinage.json.EconomyJson;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import dev.coinage.spi.Members;
import dev.coinage.testing.FakePaymentGateway;
import dev.coinage.testing.FakePayoutGateway;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayoutWebhookHandlerTest {
    private static final byte[] SECRET = "the payout provider's shared secret".getBytes(StandardCharsets.UTF_8);
    private final SimulatedClock clock = SimulatedClock.at(LiveStreamDay.START);
    private final UserId viewer = UserId.of("viewer-1");
    private final UserId creator = UserId.of("creator-1");
    private Coinage coinage;
    private HttpServer server;
    private WebhookClient provider;
    private Payout payout;

    @BeforeEach
    void aCreatorCashesOutTenThousandDiamonds() throws Exception {
        Region us = Region.of("US");
        Members members = new Members() {
            @Override
            public Optional<MemberProfile> find(UserId user) {
                return Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), us));
            }

            @Override
            public Optional<PayoutProfile> payoutProfile(UserId user) {
                return Optional.of(PayoutProfile.verified(Monetary.getCurrency("USD")));
            }
        };
        coinage = Coinage.builder()
                .definition(EconomyJson.read(Path.of("examples/economy.json")))
                .members(members)
                .payments(new FakePaymentGateway())
                .payouts(new FakePayoutGateway())
                .clock(clock)
                .build();
        for (String order : new String[] {"order-1", "order-2"}) {
            coinage.recharges()
                    .charge(
                            coinage.quotes()
                                    .quotePackage(
                                            viewer,
                                            ChannelId.WEB,
                                            PackageId.of("web-17500"),
                                            Monetary.getCurrency("USD"),
                                            us),
                            IdempotencyKey.of(order));
        }
        coinage.gifts()
                .send(GiftRequest.live(IdempotencyKey.of("tap-1"), viewer, creator, GiftId.of("lion"), "live-1"));
        clock.advance(Duration.ofDays(8));
        coinage.holds().releaseDueHolds();
        assertThat(coinage.earnings(creator).availableDiamonds()).isEqualTo(14_999);
        payout = coinage.cashOuts().request(coinage.cashOuts().quote(creator, 10_000), IdempotencyKey.of("cash-out-1"));
        assertThat(coinage.cashOuts().submit(payout.id()).status()).isEqualTo(PayoutStatus.SUBMITTED);

        WebhookSignature signature = WebhookSignature.of(SECRET, clock);
        server = PayoutWebhookHandler.serve(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PayoutWebhookHandler(coinage, signature));
        provider = new WebhookClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PayoutWebhookHandler.PATH),
                signature,
                clock.instant().getEpochSecond());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String event(String type) {
        return "{\"type\":\"" + type + "\",\"payout\":\"" + payout.id() + "\",\"reason\":\"account closed\"}";
    }

    @Test
    void paidBurnsTheDiamondsOnceAndAReturnGivesThemBack() throws Exception {
        var paid = provider.post(event("payout.paid"));
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("PAID");
        assertThat(provider.post(event("payout.paid")).statusCode()).isEqualTo(200);
        assertThat(coinage.earnings(creator).availableDiamonds()).isEqualTo(4_999);
        assertThat(coinage.earnings(creator).reservedDiamonds()).isZero();

        var returned = provider.post(event("payout.returned"));
        assertThat(returned.statusCode()).isEqualTo(200);
        assertThat(returned.body()).contains("RETURNED");
        assertThat(coinage.earnings(creator).availableDiamonds()).isEqualTo(14_999);
    }

    @Test
    void aFailedPayoutReturnsTheReservedDiamonds() throws Exception {
        assertThat(coinage.earnings(creator).reservedDiamonds()).isEqualTo(10_000);
        var failed = provider.post(event("payout.failed"));
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(coinage.cashOuts().payout(payout.id()).orElseThrow().status())
                .isEqualTo(PayoutStatus.FAILED);
        assertThat(coinage.earnings(creator).availableDiamonds()).isEqualTo(14_999);
    }

    @Test
    void unknownPayoutsBadSignaturesAndUnreadableBodiesChangeNothing() throws Exception {
        assertThat(provider.post("{\"type\":\"payout.paid\",\"payout\":\"nobody's\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(provider.send(event("payout.paid"), "1", "sha256=00").statusCode())
                .isEqualTo(401);
        assertThat(provider.post("{").statusCode()).isEqualTo(400);
        assertThat(provider.post("{\"type\":\"payout.paid\"}").statusCode()).isEqualTo(400);
        assertThat(provider.post("{\"type\":\"payout.created\",\"payout\":\"x\"}")
                        .body())
                .contains("ignored");
        assertThat(coinage.cashOuts().payout(payout.id()).orElseThrow().status())
                .isEqualTo(PayoutStatus.SUBMITTED);
    }
}
