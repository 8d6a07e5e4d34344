package dev.coinage.catalog;

/** Where a gift is sent. */
public enum GiftContext {
    /** During a live stream. */
    LIVE,
    /** On a posted video. */
    VIDEO
}
