package dev.coinage.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.coinage.Coinage;
import dev.coinage.earnings.Payout;
import dev.coinage.earnings.PayoutStateException;
import dev.coinage.earnings.UnknownPayoutException;
import dev.coinage.store.jdbc.StoreUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A payout provider's callback endpoint over HTTP: after a signature check, each event is one idempotent call on
 * {@code coinage.cashOuts()} keyed by the payout id Coinage gave the provider when it submitted the payout. Paid burns
 * the reserved diamonds, failed returns them to the creator, returned (a paid payout the bank sent back) gives them
 * back too.
 *
 * <pre>{@code
 * {"type": "payout.paid" | "payout.failed" | "payout.returned", "payout": "<payout id>", "reason": "..."}
 * }</pre>
 *
 * <p>Answers: 200 when done and for a replay; 200 for event types it does not handle; 401 for a bad signature; 400 for
 * an unreadable body; 422 for a payout id Coinage never issued (a person must look); 503 with {@code Retry-After} when a
 * callback arrives ahead of the submission it reports, or the database is briefly unavailable.
 *
 * <p>This class is thread-safe.
 */
public final class PayoutWebhookHandler implements HttpHandler {
    /** The path the provider posts to. */
    public static final String PATH = "/webhooks/payouts";

    private final Coinage coinage;
    private final WebhookSignature signature;

    /**
     * Makes the handler.
     *
     * @param coinage the economy, not null
     * @param signature the provider's signature check, not null
     */
    public PayoutWebhookHandler(Coinage coinage, WebhookSignature signature) {
        this.coinage = Objects.requireNonNull(coinage, "coinage");
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    /**
     * Starts an HTTP server with the handler at {@link #PATH}.
     *
     * @param address where to listen, not null
     * @param handler the handler, not null
     * @return the started server; stop it with {@code stop(seconds)}
     */
    public static HttpServer serve(InetSocketAddress address, PayoutWebhookHandler handler) {
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
        String payout = event.path("payout").asText("");
        String reason = event.path("reason").asText("reported by the payout provider");
        if (payout.isBlank()) {
            WebhookResponses.answer(exchange, 400, "no payout id");
            return;
        }
        try {
            Payout p =
                    switch (event.path("type").asText("")) {
                        case "payout.paid" -> coinage.cashOuts().paid(payout);
                        case "payout.failed" -> coinage.cashOuts().failed(payout, reason);
                        case "payout.returned" -> coinage.cashOuts().returned(payout, reason);
                        default -> null;
                    };
            WebhookResponses.answer(
                    exchange, 200, p == null ? "ignored" : p.status().name());
        } catch (UnknownPayoutException unknown) {
            WebhookResponses.answer(exchange, 422, unknown.getMessage());
        } catch (PayoutStateException ahead) {
            // Paid or failed for a payout not submitted yet (the callback overtook the submission): again later.
            WebhookResponses.answer(exchange, 503, "payout not submitted yet, retry later");
        } catch (StoreUnavailableException busy) {
            WebhookResponses.answer(exchange, 503, "busy, retry later");
        }
    }
}
