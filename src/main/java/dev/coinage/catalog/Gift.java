package dev.coinage.catalog;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A gift viewers send to creators, priced in coins. Sending {@code n} of a gift costs {@code n × coins}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the gift's id, not null
 * @param name the display name, not null, not blank
 * @param coins the price in coins, positive
 * @param contexts where the gift may be sent, not null, not empty
 * @param videoPriceRange the prices the gift may take when sent on a video, empty for its fixed price; present only
 *     if videos are allowed; not null
 * @param availability when the gift may be sent, not null
 * @param regions the regions whose members may send it, empty for everywhere; copied, not null
 * @param combo whether repeated sends are shown as one combo (streak)
 * @param animation the host's reference to the gift's animation asset, not null, not blank
 */
public record Gift(
        GiftId id,
        String name,
        long coins,
        Set<GiftContext> contexts,
        Optional<CoinRange> videoPriceRange,
        AvailabilityWindow availability,
        Set<Region> regions,
        boolean combo,
        String animation) {
    /**
     * Creates a gift.
     *
     * @param id the gift's id, not null
     * @param name the display name, not blank
     * @param coins the price in coins, positive
     * @param contexts where the gift may be sent, not empty
     * @param videoPriceRange the video price range, not null
     * @param availability when the gift may be sent, not null
     * @param regions where it may be sent, empty for everywhere
     * @param combo whether sends combine into a streak
     * @param animation the animation asset reference, not blank
     * @throws IllegalArgumentException if a field breaks the rules above
     */
    public Gift {
        Objects.requireNonNull(id, "id");
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("gift name must not be blank");
        }
        if (coins <= 0) {
            throw new IllegalArgumentException("gift price must be positive: " + coins);
        }
        if (Objects.requireNonNull(contexts, "contexts").isEmpty()) {
            throw new IllegalArgumentException("a gift must be allowed in at least one context");
        }
        contexts = Set.copyOf(EnumSet.copyOf(contexts));
        Objects.requireNonNull(videoPriceRange, "videoPriceRange");
        if (videoPriceRange.isPresent() && !contexts.contains(GiftContext.VIDEO)) {
            throw new IllegalArgumentException("a video price range needs the VIDEO context");
        }
        Objects.requireNonNull(availability, "availability");
        regions = Set.copyOf(Objects.requireNonNull(regions, "regions"));
        if (Objects.requireNonNull(animation, "animation").isBlank()) {
            throw new IllegalArgumentException("animation must not be blank");
        }
    }

    /**
     * Tells whether the gift may be sent in a context.
     *
     * @param context the context, not null
     * @return true if allowed
     */
    public boolean allowedIn(GiftContext context) {
        return contexts.contains(Objects.requireNonNull(context, "context"));
    }

    /**
     * Tells whether members of a region may send the gift.
     *
     * @param region the sender's region, not null
     * @return true if the gift has no region list or lists the region
     */
    public boolean availableIn(Region region) {
        return regions.isEmpty() || regions.contains(Objects.requireNonNull(region, "region"));
    }

    /**
     * Tells whether the gift may be sent at an instant, from a region, in a context.
     *
     * @param instant when, not null
     * @param region the sender's region, not null
     * @param context where, not null
     * @return true if all three allow it
     */
    public boolean sendable(Instant instant, Region region, GiftContext context) {
        return availability.contains(instant) && availableIn(region) && allowedIn(context);
    }
}
