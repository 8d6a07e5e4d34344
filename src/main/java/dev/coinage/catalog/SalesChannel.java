package dev.coinage.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A place where coins are sold, with the share of each payment its operator keeps. The fee rate is recorded for
 * reporting (the platform's net revenue); it does not change what the viewer pays, which is the channel's own price.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the channel's id, not null
 * @param name the display name, such as {@code "Apple App Store"}, not null, not blank
 * @param storeFeeRate the share of each payment the store or payment processor keeps, at least 0 and below 1, such
 *     as {@code 0.30}
 */
public record SalesChannel(ChannelId id, String name, BigDecimal storeFeeRate) {
    /**
     * Creates a channel.
     *
     * @param id the channel's id, not null
     * @param name the display name, not null, not blank
     * @param storeFeeRate the store's share of each payment, at least 0 and below 1
     * @throws IllegalArgumentException if {@code name} is blank or the rate out of range
     */
    public SalesChannel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        Decimals.fraction(storeFeeRate, "storeFeeRate");
    }
}
