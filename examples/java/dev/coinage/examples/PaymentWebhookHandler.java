package dev.coinage.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.coinage.Coinage;
import dev.coinage.core.ConcurrentSpendingException;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.recharge.PaymentDeclinedException;
import dev.coinage.recharge.PaymentMismatchException;
import dev.coinage.recharge.RechargeReceipt;
import dev.coinage.recharge.RefundExceedsPurchaseException;
import dev.coinage.recharge.RefundKind;
import dev.coinage.recharge.RefundRequest;
import dev.coinage.recharge.RefundResult;
import dev.coinage.recharge.UnknownPurchaseException;
import dev.coinage.store.jdbc.StoreUnavailableException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.javamoney.moneta.Money;

/**
 * A payment provider's webhook endpoint over HTTP, with the JDK's own server. It checks the signature, then maps each
 * event onto one idempotent Coinage call keyed by the provider's own ids — the payment's transaction id confirms or
 * declines it, the refund's id refunds it — so a webhook delivered twice, or by two app instances at once, credits
 * once.
 *
 * <p>The body is the provider's event, here in a neutral shape (a host maps its provider's field names):
 *
 * <pre>{@code
 * {"type": "payment.succeeded", "payment": "pay_123", "amount": "7.40", "currency": "USD"}
 * {"type": "payment.failed", "payment": "pay_123"}
 * {"type": "payment.refunded" | "payment.charged_back", "payment": "pay_123", "refund": "re_456"}
 * }</pre>
 *
 * <p>Answers: 200 when done and for a replay of something done; 200 for an event type it does not handle (the provider
 * stops sending it); 401 for a bad or stale signature; 400 for a body it cannot read; 422 when Coinage refuses the event
 * for good (an amount that does not match the purchase, a refund larger than what is left) — a person must look; 503
 * with {@code Retry-After} when retrying will help: the webhook arrived ahead of the charge it confirms, or the database
 * is briefly unavailable. Anything unexpected is a 500, which providers also retry.
 *
 * <p>This class is thread-safe.
 */
public final class PaymentWebhookHandler implements HttpHandler {
    /** The path the provider posts to. */
    public static final String PATH = "/webhooks/payments";

    private final Coinage coinage;
    private final WebhookSignature signature;

    /**
     * Makes the handler.
     *
     * @param coinage the economy, not null
     * @param signature the provider's signature check, not null
     */
    public PaymentWebhookHandler(Coinage coinage, WebhookSignature signature) {
        this.coinage = Objects.requireNonNull(coinage, "coinage");
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    /**
     * Starts an HTTP server with the handler at {@link #PATH}.
     *
     * @param address where to listen, such as {@code new InetSocketAddress(8080)}, not null
     * @param handler the handler, not null
     * @return the started server; stop it with {@code stop(seconds)}
     */
    public static HttpServer serve(InetSocketAddress address, PaymentWebhookHandler handler) {
        return WebhookResponses.serve(address, PATH, handler);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        WebhookResponses.guarded(exchange, this::respond);
    }

    private void respond(HttpExchange exchange) throws IOException {
        Optional<JsonNode> signed = WebhookResponses.signedEvent(exchange, signature);
        if (signed.isEmpty()) {
            return; // already answered
        }
        JsonNode event = signed.get();
        String type = event.path("type").asText("");
        String payment = event.path("payment").asText("");
        if (payment.isBlank() && type.startsWith("payment.")) {
            WebhookResponses.answer(exchange, 400, "no payment id");
            return;
        }
        try {
            switch (type) {
                case "payment.succeeded" -> {
                    RechargeReceipt receipt = coinage.recharges()
                            .confirm(
                                    payment,
                                    Money.of(
                                            new BigDecimal(event.path("amount").asText()),
                                            event.path("currency").asText()));
                    WebhookResponses.answer(exchange, 200, receipt.replay() ? "already credited" : "credited");
                }
                case "payment.failed" -> {
                    boolean declined = coinage.recharges().decline(payment);
                    WebhookResponses.answer(exchange, 200, declined ? "declined" : "already credited");
                }
                case "payment.refunded", "payment.charged_back" -> {
                    RefundKind kind = type.equals("payment.refunded") ? RefundKind.REFUND : RefundKind.CHARGEBACK;
                    RefundResult result = coinage.recharges()
                            .refund(RefundRequest.full(event.path("refund").asText(), payment, kind));
                    WebhookResponses.answer(exchange, 200, result.replay() ? "already refunded" : "refunded");
                }
                default -> WebhookResponses.answer(exchange, 200, "ignored");
            }
        } catch (UnknownPurchaseException ahead) {
            // The webhook overtook the charge's response (or the host's own write): the provider sends it again.
            WebhookResponses.answer(exchange, 503, "unknown payment, retry later");
        } catch (StoreUnavailableException | ConcurrentSpendingException transientFailure) {
            WebhookResponses.answer(exchange, 503, "busy, retry later");
        } catch (PaymentMismatchException
                | PaymentDeclinedException
                | RefundExceedsPurchaseException
                | IdempotencyConflictException refused) {
            WebhookResponses.answer(exchange, 422, refused.getMessage());
        } catch (IllegalArgumentException unreadable) {
            // A missing or malformed amount, currency or refund id.
            WebhookResponses.answer(exchange, 400, "unreadable amount, currency or refund id");
        }
    }
}
