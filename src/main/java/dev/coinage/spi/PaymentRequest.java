package dev.coinage.spi;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.pricing.QuoteId;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A charge asked of the {@link PaymentGateway}: the gross amount of a verified recharge quote.
 *
 * @param key the caller's idempotency key, which the gateway passes on to the provider, not null
 * @param quote the quote charged, not null
 * @param user the buyer, not null
 * @param channel the sales channel, not null
 * @param amount the amount to charge, the quote's gross, not null
 */
public record PaymentRequest(IdempotencyKey key, QuoteId quote, UserId user, ChannelId channel, MonetaryAmount amount) {
    /**
     * Checks the request.
     *
     * @param key the idempotency key, not null
     * @param quote the quote, not null
     * @param user the buyer, not null
     * @param channel the channel, not null
     * @param amount the amount, not null
     * @throws NullPointerException if a component is null
     */
    public PaymentRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(amount, "amount");
    }
}
