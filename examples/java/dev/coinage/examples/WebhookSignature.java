package dev.coinage.examples;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook comes from the provider: an HMAC-SHA256 of {@code timestamp + "." + body} under the secret the
 * provider and the host share, sent as {@code sha256=<hex>}, the scheme most payment and payout providers use under
 * their own header names. The timestamp is signed too and must be recent, so a captured request cannot be replayed
 * days later; replays within the window are harmless because Coinage's operations are idempotent.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class WebhookSignature {
    /** How far a webhook's timestamp may be from the host's clock. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    private WebhookSignature(byte[] secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /**
     * Makes a checker for a shared secret.
     *
     * @param secret the secret, at least 32 bytes; copied, not null
     * @param clock the host's clock, not null
     * @return the checker, never null
     */
    public static WebhookSignature of(byte[] secret, Clock clock) {
        if (Objects.requireNonNull(secret, "secret").length < 32) {
            throw new IllegalArgumentException("a webhook secret needs at least 32 bytes: " + secret.length);
        }
        return new WebhookSignature(secret.clone(), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Signs a body as the provider does (for tests and for a host's own senders).
     *
     * @param timestamp the epoch second sent with it
     * @param body the body, not null
     * @return the signature header's value, {@code sha256=<hex>}
     */
    public String sign(long timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac(timestamp, body));
    }

    /**
     * Tells whether a request is signed with the secret and recent.
     *
     * @param timestamp the timestamp header's value, or null if missing
     * @param body the raw body, not null
     * @param signature the signature header's value, or null if missing
     * @return true if authentic and within {@link #TOLERANCE}
     */
    public boolean verify(String timestamp, byte[] body, String signature) {
        if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        long seconds;
        byte[] given;
        try {
            seconds = Long.parseLong(timestamp.trim());
            given = HexFormat.of()
                    .parseHex(signature.substring("sha256=".length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant())
                .abs();
        // Constant-time comparison: the time taken says nothing about how much of a forged signature was right.
        return age.compareTo(TOLERANCE) <= 0 && MessageDigest.isEqual(mac(seconds, body), given);
    }

    private byte[] mac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
