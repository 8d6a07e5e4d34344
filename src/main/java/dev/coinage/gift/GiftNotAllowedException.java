package dev.coinage.gift;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.CoinageException;
import java.time.Instant;
import java.util.Objects;

/**
 * Thrown when a gift exists but may not be sent where or when it was: not offered in the context (LIVE or VIDEO) or
 * outside its availability window. Nothing was written. A gift not offered in the sender's region is reported by
 * {@link NotEligibleException} with {@link NotEligibleException.Reason#REGION}.
 */
public final class GiftNotAllowedException extends CoinageException {
    private static final long serialVersionUID = 1L;

    /** Why the gift may not be sent. */
    public enum Reason {
        /** The gift is not offered in this context. */
        CONTEXT,
        /** The instant is outside the gift's availability window. */
        OUTSIDE_WINDOW
    }

    private final GiftId gift;
    private final Reason reason;
    private final GiftContext context;
    private final Instant at;

    private GiftNotAllowedException(GiftId gift, Reason reason, GiftContext context, Instant at) {
        super("gift " + Objects.requireNonNull(gift, "gift") + " may not be sent: "
                + Objects.requireNonNull(reason, "reason") + " (" + Objects.requireNonNull(context, "context")
                + " at " + Objects.requireNonNull(at, "at") + ")");
        this.gift = gift;
        this.reason = reason;
        this.context = context;
        this.at = at;
    }

    /**
     * The gift is not offered in the context it was sent in ({@link Reason#CONTEXT}).
     *
     * @param gift the gift, not null
     * @param context where it was sent, not null
     * @param at when it was sent, not null
     * @return the exception, never null
     */
    public static GiftNotAllowedException notOfferedIn(GiftId gift, GiftContext context, Instant at) {
        return new GiftNotAllowedException(gift, Reason.CONTEXT, context, at);
    }

    /**
     * The gift was sent outside its availability window ({@link Reason#OUTSIDE_WINDOW}).
     *
     * @param gift the gift, not null
     * @param context where it was sent, not null
     * @param at when it was sent, not null
     * @return the exception, never null
     */
    public static GiftNotAllowedException outsideWindow(GiftId gift, GiftContext context, Instant at) {
        return new GiftNotAllowedException(gift, Reason.OUTSIDE_WINDOW, context, at);
    }

    /**
     * Returns the gift.
     *
     * @return the gift id, never null
     */
    public GiftId gift() {
        return gift;
    }

    /**
     * Returns why the gift may not be sent.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns where the gift was sent.
     *
     * @return the context, never null
     */
    public GiftContext context() {
        return context;
    }

    /**
     * Returns when the gift was sent.
     *
     * @return the instant, never null
     */
    public Instant at() {
        return at;
    }
}
