package dev.coinage.gift;

import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * Thrown when a gift needs coins of a large first purchase that the economy's {@code AbusePolicy} holds: the wallet
 * has the coins, but some may not be spent yet. Carries the coins the gift needed, the coins the sender may spend now,
 * the coins on hold and when the hold ends. Nothing was written.
 */
public final class CoinsOnHoldException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId sender;
    private final long required;
    private final long spendable;
    private final long held;
    private final Instant heldUntil;

    private CoinsOnHoldException(UserId sender, long required, long spendable, long held, Instant heldUntil) {
        super(Objects.requireNonNull(sender, "sender") + " needs " + required + " coins but may spend " + spendable
                + " now: " + held + " coins of a first purchase are on hold until "
                + Objects.requireNonNull(heldUntil, "heldUntil"));
        this.sender = sender;
        this.required = required;
        this.spendable = spendable;
        this.held = held;
        this.heldUntil = heldUntil;
    }

    /**
     * A gift needed coins on hold.
     *
     * @param sender the sender, not null
     * @param required the coins the gift needed
     * @param spendable the coins the sender may spend now
     * @param held the coins on hold
     * @param heldUntil when the last of the holds the gift met ends, not null
     * @return the exception, never null
     */
    public static CoinsOnHoldException of(UserId sender, long required, long spendable, long held, Instant heldUntil) {
        return new CoinsOnHoldException(sender, required, spendable, held, heldUntil);
    }

    /**
     * The member who sent the gift.
     *
     * @return the sender, never null
     */
    public UserId sender() {
        return sender;
    }

    /**
     * The coins the gift needed.
     *
     * @return the coins
     */
    public long required() {
        return required;
    }

    /**
     * The coins the sender may spend now.
     *
     * @return the coins
     */
    public long spendable() {
        return spendable;
    }

    /**
     * The coins on hold.
     *
     * @return the coins
     */
    public long held() {
        return held;
    }

    /**
     * When the hold ends: from then the coins may be spent.
     *
     * @return the instant, never null
     */
    public Instant heldUntil() {
        return heldUntil;
    }
}
