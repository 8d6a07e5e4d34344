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
    UNFREEZE("unfreeze"),
    /** A cash-out requested (diamonds reserved); the rest is the payout id. */
    CASHOUT("cashout"),
    /** A creator's cash-out allowance granted for one period; the rest is the period and the creator. */
    CASHOUT_ALLOWANCE("cashout-allowance"),
    /** A cash-out approved after review; the rest is the payout id. */
    CASHOUT_APPROVED("cashout-approved"),
    /** A cash-out rejected after review (diamonds returned); the rest is the payout id. */
    CASHOUT_REJECTED("cashout-rejected"),
    /** A cash-out submitted to the payout provider; the rest is the payout id. */
    CASHOUT_SUBMITTED("cashout-submitted"),
    /** A cash-out paid (diamonds burned); the rest is the payout id. */
    CASHOUT_PAID("cashout-paid"),
    /** A cash-out failed (diamonds returned); the rest is the payout id. */
    CASHOUT_FAILED("cashout-failed"),
    /** A paid cash-out returned by the provider (diamonds returned); the rest is the payout id. */
    CASHOUT_RETURNED("cashout-returned"),
    /** A gift-velocity allowance granted for one member (and creator) and minute; the rest names them. */
    VELOCITY("velocity"),
    /** A large first purchase's lots held; the rest is the purchase hash and the buyer. */
    LOT_HOLD("lot-hold"),
    /** Two members flagged for a circular flow of gifts; the rest names the pair. */
    ABUSE_FLAG("abuse-flag");

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
