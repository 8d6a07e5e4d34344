package dev.coinage.engine;

import dev.coinage.core.IdempotencyKey;

/**
 * Every kind of ledger transaction the use cases write, with the prefix of its idempotency key. This is the one place
 * that names them: a key is {@code <prefix>:<what identifies the request>}, so keys of different kinds can never
 * collide, and a host's own keys (which a use case always prefixes) cannot collide with the library's.
 */
public enum Keys {
    /** A gift; the rest is the host's key of the gift request. */
    GIFT("gift"),
    /** A spending-limit allowance granted for one member and span. */
    ALLOWANCE("allowance"),
    /** A member's own cap lowered within a span. */
    ALLOWANCE_CAP("allowance-cap"),
    /** A creator's carry room, granted once. */
    CARRY_ROOM("carry-room"),
    /** A release of a creator's due holds, keyed by the state it read. */
    RELEASE("release"),
    /** A purchase's coins credited; the rest is the purchase reference. */
    RECHARGE("recharge"),
    /** A pending payment recorded. */
    PENDING("pending"),
    /** A pending payment declined. */
    DECLINED("declined"),
    /** A refund or chargeback; the rest is the provider's refund id. */
    REFUND("refund"),
    /** A frozen wallet released; the rest is the host's key. */
    UNFREEZE("unfreeze");

    private final String prefix;

    Keys(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The key prefix.
     *
     * @return the prefix, without the colon, never null
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The key of a transaction of this kind.
     *
     * @param rest what identifies the request within the kind, not null
     * @return {@code <prefix>:<rest>}, never null
     * @throws IllegalArgumentException if the key would be too long or holds control characters
     */
    public IdempotencyKey key(String rest) {
        return IdempotencyKey.of(prefix + ':' + rest);
    }
}
