package dev.coinage.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts signed webhooks to a loopback server, as a provider would; every request has a timeout. */
final class WebhookClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final WebhookSignature signature;
    private final long now;

    WebhookClient(URI uri, WebhookSignature signature, long now) {
        this.uri = uri;
        this.signature = signature;
        this.now = now;
    }

    HttpResponse<String> post(String json) throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(json, Long.toString(now), signature.sign(now, body));
    }

    HttpResponse<String> send(String json, String timestamp, String sig) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header("Webhook-Timestamp", timestamp);
        }
        if (sig != null) {
            request.header("Webhook-Signature", sig);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get() throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
