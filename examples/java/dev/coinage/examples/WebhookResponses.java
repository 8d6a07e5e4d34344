package dev.coinage.examples;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What the webhook examples share: reading a bounded body and answering with a short JSON status. */
final class WebhookResponses {
    /** The largest body a webhook may have; providers send a few kilobytes. */
    static final int MAX_BODY = 64 * 1024;

    private WebhookResponses() {}

    /** Reads the body, or empty if it is larger than {@link #MAX_BODY}. */
    static Optional<byte[]> body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
        }
    }

    /**
     * Answers and closes the exchange. 2xx tells the provider to stop; 4xx that retrying will not help (a person must
     * look); 5xx, with {@code Retry-After}, to send the same webhook again later.
     */
    static void answer(HttpExchange exchange, int status, String outcome) throws IOException {
        String text = outcome == null ? "" : outcome;
        byte[] json = ("{\"outcome\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status >= 500) {
            exchange.getResponseHeaders().set("Retry-After", "30");
        }
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
