package dev.coinage.gift;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * A viewer's request to send {@code count} of a gift to a creator, in a LIVE or on a video.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param key the caller's idempotency key for this send (a client tap id), at most {@value #MAX_KEY_LENGTH}
 *     characters, not null
 * @param sender the viewer who pays, not null
 * @param creator the creator who earns, not null
 * @param gift the gift, not null
 * @param count how many of the gift, at least 1
 * @param context where the gift is sent, not null
 * @param contextId the host's id of the LIVE or the video, 1 to {@value #MAX_CONTEXT_ID_LENGTH} characters without
 *     control characters, not null
 */
public record GiftRequest(
        IdempotencyKey key,
        UserId sender,
        UserId creator,
        GiftId gift,
        long count,
        GiftContext context,
        String contextId) {
    /** The longest idempotency key a gift accepts (Coinage prefixes it to keep gifts apart from other requests). */
    public static final int MAX_KEY_LENGTH = 190;

    /** The longest LIVE or video id accepted. */
    public static final int MAX_CONTEXT_ID_LENGTH = 128;

    /**
     * Validates the request.
     *
     * @param key the idempotency key, not null
     * @param sender the sender, not null
     * @param creator the creator, not null
     * @param gift the gift, not null
     * @param count how many, at least 1
     * @param context where, not null
     * @param contextId the LIVE or video id, not blank
     * @throws NullPointerException if an object field is null
     * @throws IllegalArgumentException if {@code count} is below 1, the key is too long or the context id is blank,
     *     too long or has control characters
     */
    public GiftRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(gift, "gift");
        Objects.requireNonNull(context, "context");
        checkContextId(contextId);
        if (count < 1) {
            throw new IllegalArgumentException("gift count must be at least 1: " + count);
        }
        if (key.value().length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("gift idempotency key must be at most " + MAX_KEY_LENGTH
                    + " characters, was " + key.value().length());
        }
    }

    /**
     * Starts a request for one gift in a LIVE; set the other fields with the {@code with...} methods.
     *
     * @param key the idempotency key, not null
     * @param sender the sender, not null
     * @param creator the creator, not null
     * @param gift the gift, not null
     * @param liveId the LIVE's id, not blank
     * @return the request, never null
     */
    public static GiftRequest live(IdempotencyKey key, UserId sender, UserId creator, GiftId gift, String liveId) {
        return new GiftRequest(key, sender, creator, gift, 1, GiftContext.LIVE, liveId);
    }

    /**
     * Returns a copy with another count.
     *
     * @param count how many, at least 1
     * @return the copy, never null
     */
    public GiftRequest withCount(long count) {
        return new GiftRequest(key, sender, creator, gift, count, context, contextId);
    }

    /**
     * Returns a copy with another idempotency key.
     *
     * @param key the key, not null
     * @return the copy, never null
     */
    public GiftRequest withKey(IdempotencyKey key) {
        return new GiftRequest(key, sender, creator, gift, count, context, contextId);
    }

    private static void checkContextId(String value) {
        Objects.requireNonNull(value, "contextId");
        if (value.isBlank() || value.length() > MAX_CONTEXT_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "context id must be 1 to " + MAX_CONTEXT_ID_LENGTH + " characters, not blank: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("context id must not contain control characters: index " + i);
            }
        }
    }
}
