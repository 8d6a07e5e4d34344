package dev.coinage.recharge;

import dev.coinage.core.IdempotencyKey;
import dev.coinage.engine.Keys;

/** Checks purchase references and refund ids, and names the idempotency keys of a purchase's transactions. */
final class References {
    /** The longest purchase reference, refund id or unfreeze key. */
    static final int MAX = 180;

    private References() {}

    static String check(String ref) {
        if (ref.isBlank() || ref.length() > MAX) {
            throw new IllegalArgumentException(
                    "a purchase reference must be 1 to " + MAX + " characters, not blank: '" + ref + "'");
        }
        return ref;
    }

    static IdempotencyKey rechargeKey(String ref) {
        return Keys.RECHARGE.key(ref);
    }

    static IdempotencyKey pendingKey(String ref) {
        return Keys.PENDING.key(ref);
    }

    static IdempotencyKey declinedKey(String ref) {
        return Keys.DECLINED.key(ref);
    }

    static IdempotencyKey refundKey(String refundId) {
        if (refundId.length() > MAX) {
            throw new IllegalArgumentException("a refund id must be at most " + MAX + " characters");
        }
        return Keys.REFUND.key(refundId);
    }
}
