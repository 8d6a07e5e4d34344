package dev.coinage.gift;

import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when a gift would take a member past a gift-velocity limit of the economy's {@code AbusePolicy}: too many
 * gifts in one minute, in all or to one creator. Carries the sender, the creator if the limit is per creator, the limit
 * and the minute it counts over. Nothing was written except, possibly, the grant of the minute's allowance (which
 * changes no balance a member sees).
 */
public final class VelocityLimitExceededException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId sender;
    private final UserId creator;
    private final int limit;
    private final Instant minute;

    private VelocityLimitExceededException(UserId sender, UserId creator, int limit, Instant minute) {
        super("gift velocity limit of " + Objects.requireNonNull(sender, "sender")
                + (creator == null ? "" : " to " + creator) + " reached: " + limit + " gifts in the minute from "
                + Objects.requireNonNull(minute, "minute"));
        this.sender = sender;
        this.creator = creator;
        this.limit = limit;
        this.minute = minute;
    }

    /**
     * The sender reached the limit of gifts in a minute, to all creators.
     *
     * @param sender the sender, not null
     * @param limit the gifts allowed in a minute
     * @param minute the start of the minute, not null
     * @return the exception, never null
     */
    public static VelocityLimitExceededException perSender(UserId sender, int limit, Instant minute) {
        return new VelocityLimitExceededException(sender, null, limit, minute);
    }

    /**
     * The sender reached the limit of gifts to one creator in a minute.
     *
     * @param sender the sender, not null
     * @param creator the creator, not null
     * @param limit the gifts allowed to one creator in a minute
     * @param minute the start of the minute, not null
     * @return the exception, never null
     */
    public static VelocityLimitExceededException perCreator(UserId sender, UserId creator, int limit, Instant minute) {
        return new VelocityLimitExceededException(sender, Objects.requireNonNull(creator, "creator"), limit, minute);
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
     * The creator, if the limit reached counts the gifts to one creator.
     *
     * @return the creator, empty for the limit over all creators
     */
    public Optional<UserId> creator() {
        return Optional.ofNullable(creator);
    }

    /**
     * The gifts allowed in a minute.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    /**
     * The start of the minute the limit counts over: the sender may send again from the next minute.
     *
     * @return the instant, never null
     */
    public Instant minute() {
        return minute;
    }
}
