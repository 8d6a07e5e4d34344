package dev.coinage.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the webhook examples share: serving a handler, answering 500 on a failure, checking a signed JSON event, and
 * answering with a short JSON status.
 */
final class WebhookResponses {
    /** The largest body a webhook may have; providers send a few kilobytes. */
    static final int MAX_BODY = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(WebhookResponses.class.getName());

    /** What a handler does with one exchange. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    /** Starts an HTTP server with one handler at a path. */
    static HttpServer serve(InetSocketAddress address, String path, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(address, 0);
            server.createContext(path, handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Responds, closing the exchange; an unexpected failure is logged and answered 500, which providers retry. */
    static void guarded(HttpExchange exchange, Responder responder) throws IOException {
        try (exchange) {
            try {
                responder.respond(exchange);
            } catch (RuntimeException unexpected) {
                LOG.log(System.Logger.Level.ERROR, "webhook failed", unexpected);
                answer(exchange, 500, "internal error");
            }
        }
    }

    /**
     * The event of a signed JSON webhook: a POST whose body is at most {@link #MAX_BODY}, whose signature checks and
     * which parses. Otherwise the exchange is answered (405, 413, 401 or 400) and the result is empty.
     */
    static Optional<JsonNode> signedEvent(HttpExchange exchange, WebhookSignature signature) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "POST only");
            return Optional.empty();
        }
        Optional<byte[]> body = body(exchange);
        if (body.isEmpty()) {
            answer(exchange, 413, "body too large");
            return Optional.empty();
        }
        var headers = exchange.getRequestHeaders();
        if (!signature.verify(
                headers.getFirst("Webhook-Timestamp"), body.get(), headers.getFirst("Webhook-Signature"))) {
            answer(exchange, 401, "bad signature");
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(body.get()));
        } catch (IOException e) {
            answer(exchange, 400, "unreadable body");
            return Optional.empty();
        }
    }

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
