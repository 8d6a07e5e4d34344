package dev.coinage.pricing;

import dev.coinage.ledger.Fingerprint;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.money.MonetaryAmount;

/**
 * Seals quotes with HMAC-SHA256 over their canonical text. The {@link Mac} is created once per thread, so sealing does
 * no provider lookup per quote. Thread-safe.
 */
final class QuoteSealer {
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    QuoteSealer(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail at build time, not on the first quote, if the JDK lacks the algorithm
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    RechargeQuote seal(RechargeQuote q) {
        byte[] tag = macs.get().doFinal(canonical(q).getBytes(StandardCharsets.UTF_8));
        String seal = Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        return new RechargeQuote(
                q.id(),
                q.user(),
                q.channel(),
                q.storeFeeRate(),
                q.packageId(),
                q.paidCoins(),
                q.bonusCoins(),
                q.region(),
                q.net(),
                q.tax(),
                q.gross(),
                q.taxRate(),
                q.taxDisplay(),
                q.tableVersion(),
                q.rate(),
                q.quotedAt(),
                q.expiresAt(),
                Optional.of(seal));
    }

    /** Constant-time comparison, so that a forger learns nothing from how long a refusal takes. */
    static boolean sameSeal(Optional<String> presented, Optional<String> expected) {
        if (presented.isEmpty() || expected.isEmpty()) {
            return presented.isEmpty() && expected.isEmpty();
        }
        return MessageDigest.isEqual(
                presented.get().getBytes(StandardCharsets.UTF_8), expected.get().getBytes(StandardCharsets.UTF_8));
    }

    /** Every field but the seal, length-prefixed so that no two quotes share a text; numbers without trailing zeros. */
    private static String canonical(RechargeQuote q) {
        Fingerprint.Builder text = Fingerprint.builder("recharge-quote/1")
                .add(q.id().value())
                .add(q.user().value())
                .add(q.channel().value())
                .add(plain(q.storeFeeRate()))
                .add(q.packageId().map(p -> "package:" + p.value()).orElse("custom"))
                .add(q.paidCoins())
                .add(q.bonusCoins())
                .add(q.region().code());
        amount(text, q.net());
        amount(text, q.tax());
        amount(text, q.gross());
        text.add(plain(q.taxRate()))
                .add(q.taxDisplay().name())
                .add(q.tableVersion().toString());
        if (q.rate().isPresent()) {
            FxRate r = q.rate().get();
            text.add(r.base().getCurrencyCode())
                    .add(r.term().getCurrencyCode())
                    .add(plain(r.factor()))
                    .add(r.asOf().toString())
                    .add(r.source());
        } else {
            text.add("no-rate");
        }
        return text.add(q.quotedAt().toString())
                .add(q.expiresAt().toString())
                .build()
                .value();
    }

    private static void amount(Fingerprint.Builder text, MonetaryAmount amount) {
        text.add(amount.getCurrency().getCurrencyCode())
                .add(plain(amount.getNumber().numberValueExact(BigDecimal.class)));
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
