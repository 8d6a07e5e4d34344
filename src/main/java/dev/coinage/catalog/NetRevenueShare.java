package dev.coinage.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The creator's share of the net money behind the coins a gift consumes, for the net-revenue earnings mode: what the
 * buyer paid for the coins, in the base currency, less the store's fee and the tax. A default share, overridden per
 * purchase channel (the channel the coins were bought through) and per creator tier (the tier the members port gives
 * the creator); a tier's share wins over a channel's.
 *
 * <p>Every share is an exact ratio whose denominator divides {@value #BASIS} (a whole number of basis points, such as
 * 7/10 for 70 %), so that a gift's earnings are an exact number of {@linkplain #PARTS_PER_MICRO parts}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param share the default share, not null
 * @param byChannel shares by purchase channel, not null (copied)
 * @param byTier shares by creator tier, not null (copied)
 */
public record NetRevenueShare(
        CreatorShare share, Map<ChannelId, CreatorShare> byChannel, Map<String, CreatorShare> byTier) {
    /** Basis points in a whole: every share is a whole number of them. */
    public static final long BASIS = 10_000;

    /** Units of net money per unit of the base currency: the net value of a coin is recorded in 10<sup>-9</sup>. */
    public static final long NANOS = 1_000_000_000L;

    /**
     * Parts per millionth of the base currency: a part is 10<sup>-9</sup> of the base currency times one basis point,
     * and a diamond in this mode is a millionth of the base currency.
     */
    public static final long PARTS_PER_MICRO = 1_000 * BASIS;

    /**
     * Creates a net-revenue share.
     *
     * @param share the default share, not null
     * @param byChannel shares by channel, not null
     * @param byTier shares by tier, not null, tiers not blank
     * @throws IllegalArgumentException if a share's denominator does not divide {@value #BASIS} or a tier is blank
     */
    public NetRevenueShare {
        basisPoints(Objects.requireNonNull(share, "share"), "share");
        byChannel = Map.copyOf(Objects.requireNonNull(byChannel, "byChannel"));
        byTier = Map.copyOf(Objects.requireNonNull(byTier, "byTier"));
        byChannel.forEach((c, s) -> basisPoints(s, "byChannel[" + c.value() + "]"));
        byTier.forEach((t, s) -> {
            if (t.isBlank()) {
                throw new IllegalArgumentException("byTier: a tier must not be blank");
            }
            basisPoints(s, "byTier[" + t + "]");
        });
    }

    /**
     * A share with no overrides.
     *
     * @param share the share, not null
     * @return the share, never null
     * @throws IllegalArgumentException if its denominator does not divide {@value #BASIS}
     */
    public static NetRevenueShare of(CreatorShare share) {
        return new NetRevenueShare(share, Map.of(), Map.of());
    }

    /**
     * Returns a copy with a channel's override.
     *
     * @param channel the channel, not null
     * @param channelShare its share, not null
     * @return the copy, never null
     */
    public NetRevenueShare withChannel(ChannelId channel, CreatorShare channelShare) {
        Map<ChannelId, CreatorShare> m = new java.util.HashMap<>(byChannel);
        m.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(channelShare, "channelShare"));
        return new NetRevenueShare(share, m, byTier);
    }

    /**
     * Returns a copy with a tier's override.
     *
     * @param tier the tier, not null, not blank
     * @param tierShare its share, not null
     * @return the copy, never null
     */
    public NetRevenueShare withTier(String tier, CreatorShare tierShare) {
        Map<String, CreatorShare> m = new java.util.HashMap<>(byTier);
        m.put(Objects.requireNonNull(tier, "tier"), Objects.requireNonNull(tierShare, "tierShare"));
        return new NetRevenueShare(share, byChannel, m);
    }

    /**
     * The share of coins bought through a channel, in basis points: the channel's override or the default.
     *
     * @param channel the channel, not null
     * @return the basis points, 1 to {@value #BASIS}
     */
    public long channelBasisPoints(ChannelId channel) {
        return basisPoints(byChannel.getOrDefault(Objects.requireNonNull(channel, "channel"), share), "share");
    }

    /**
     * The share a tier overrides, in basis points.
     *
     * @param tier the creator's tier, may be empty
     * @return the basis points, empty if the tier has no override
     */
    public Optional<Long> tierBasisPoints(Optional<String> tier) {
        CreatorShare s = Objects.requireNonNull(tier, "tier").map(byTier::get).orElse(null);
        return s == null ? Optional.empty() : Optional.of(basisPoints(s, "share"));
    }

    /**
     * A share in basis points.
     *
     * @param s the share, not null
     * @param name what the share is, for the message
     * @return {@code s × }{@value #BASIS}
     * @throws IllegalArgumentException if its denominator does not divide {@value #BASIS}
     */
    static long basisPoints(CreatorShare s, String name) {
        if (BASIS % s.denominator() != 0) {
            throw new IllegalArgumentException(name + ": a net-revenue share must be a whole number of basis points"
                    + " (a denominator dividing " + BASIS + "): " + s.numerator() + "/" + s.denominator());
        }
        return s.numerator() * (BASIS / s.denominator());
    }
}
