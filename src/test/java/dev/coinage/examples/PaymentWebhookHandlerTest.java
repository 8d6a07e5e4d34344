package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.coinage.Coinage;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.json.EconomyJson;
import dev.coinage.policy.MemberProfile;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.spi.PaymentResult;
import dev.coinage.testing.FakePaymentGateway;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentWebhookHandlerTest {
    private static final byte[] SECRET = "a shared secret of at least 32 bytes".getBytes(StandardCharsets.UTF_8);
    private final SimulatedClock clock = SimulatedClock.at(LiveStreamDay.START);
    private final UserId viewer = UserId.of("viewer-1");
    private FakePaymentGateway psp;
    private Coinage coinage;
    private HttpServer server;
    private WebhookClient provider;
    private String payment;

    @BeforeEach
    void startTheEndpointWithAPendingPayment() throws Exception {
        Region us = Region.of("US");
        psp = new FakePaymentGateway().then(PaymentResult.Status.PENDING);
        coinage = Coinage.builder()
                .definition(EconomyJson.read(Path.of("examples/economy.json")))
                .members(member -> Optional.of(MemberProfile.of(LocalDate.of(1990, 1, 1), us)))
                .payments(psp)
                .clock(clock)
                .build();
        RechargeReceipt pending = coinage.recharges()
                .charge(
                        coinage.quotes()
                                .quotePackage(
                                        viewer,
                                        ChannelId.WEB,
                                        PackageId.of("web-700"),
                                        Monetary.getCurrency("USD"),
                                        us),
                        IdempotencyKey.of("order-1"));
        assertThat(pending.status()).isEqualTo(RechargeReceipt.Status.PENDING);
        payment = pending.purchase();
        WebhookSignature signature = WebhookSignature.of(SECRET, clock);
        server = PaymentWebhookHandler.serve(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PaymentWebhookHandler(coinage, signature));
        provider = new WebhookClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PaymentWebhookHandler.PATH),
                signature,
                clock.instant().getEpochSecond());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String succeeded(String amount) {
        return "{\"type\":\"payment.succeeded\",\"payment\":\"" + payment + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"USD\"}";
    }

    @Test
    void aSignedSuccessCreditsTheCoinsOnceHoweverOftenTheProviderSendsIt() throws Exception {
        var first = provider.post(succeeded("7.40"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"credited\"");
        assertThat(coinage.coins(viewer).amount()).isEqualTo(700);

        var again = provider.post(succeeded("7.40"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already credited");
        assertThat(coinage.coins(viewer).amount()).isEqualTo(700);
    }

    @Test
    void aBadOrStaleSignatureIsRefusedWith401AndChangesNothing() throws Exception {
        String body = succeeded("7.40");
        long now = clock.instant().getEpochSecond();
        WebhookSignature forger =
                WebhookSignature.of("another secret, also 32 bytes long".getBytes(StandardCharsets.UTF_8), clock);
        assertThat(provider.send(body, Long.toString(now), forger.sign(now, body.getBytes(StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(provider.send(body, null, null).statusCode()).isEqualTo(401);
        WebhookSignature real = WebhookSignature.of(SECRET, clock);
        long old = now - 3_600;
        assertThat(provider.send(body, Long.toString(old), real.sign(old, body.getBytes(StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(coinage.coins(viewer).amount()).isZero();
    }

    @Test
    void aWebhookAheadOfItsPaymentAsksForARetryAndAWrongAmountForAPerson() throws Exception {
        var ahead = provider.post("{\"type\":\"payment.succeeded\",\"payment\":\"pay_999\",\"amount\":\"7.40\","
                + "\"currency\":\"USD\"}");
        assertThat(ahead.statusCode()).isEqualTo(503);
        assertThat(ahead.headers().firstValue("Retry-After")).isPresent();

        var wrong = provider.post(succeeded("1.00"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(coinage.coins(viewer).amount()).isZero();
    }

    @Test
    void aFailureDeclinesAndARefundAfterCreditTakesTheCoinsBackOnce() throws Exception {
        assertThat(provider.post(succeeded("7.40")).statusCode()).isEqualTo(200);
        String refund = "{\"type\":\"payment.refunded\",\"payment\":\"" + payment + "\",\"refund\":\"re_1\"}";
        assertThat(provider.post(refund).body()).contains("\"refunded\"");
        assertThat(provider.post(refund).body()).contains("already refunded");
        assertThat(coinage.coins(viewer).amount()).isZero();
        // A failure reported after the payment was credited is answered and ignored: the refund is the way back.
        var late = provider.post("{\"type\":\"payment.failed\",\"payment\":\"" + payment + "\"}");
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("already credited");
    }

    @Test
    void unreadableBodiesUnknownEventsAndOtherMethodsAreAnswered() throws Exception {
        assertThat(provider.post("not json").statusCode()).isEqualTo(400);
        assertThat(provider.post("{\"type\":\"payment.succeeded\",\"payment\":\"" + payment + "\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(provider.post("{\"type\":\"customer.created\",\"id\":\"c_1\"}")
                        .body())
                .contains("ignored");
        assertThat(provider.get().statusCode()).isEqualTo(405);
        assertThat(coinage.coins(viewer).amount()).isZero();
    }
}
