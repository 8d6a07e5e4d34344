package dev.coinage.gift;

import dev.coinage.catalog.Region;
import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Thrown when the sender may not send a gift or the creator may not receive one: unknown to the host, too young for
 * their region, not in good standing, in a region the gift is not offered in, not eligible to receive, or sending to
 * themselves. Carries which party, why, and the figures behind it. Nothing was written.
 */
public final class NotEligibleException extends CoinageException {
    private static final long serialVersionUID = 1L;

    /** Which side of the gift is not eligible. */
    public enum Party {
        /** The viewer sending the gift. */
        SENDER,
        /** The creator receiving it. */
        CREATOR
    }

    /** Why a party is not eligible. */
    public enum Reason {
        /** The host's members port does not know the user. */
        UNKNOWN_MEMBER,
        /** The sender is younger than the minimum age of their region. */
        TOO_YOUNG,
        /** The member is not in good standing. */
        STANDING,
        /** The gift is not offered in the sender's region. */
        REGION,
        /** The creator is not eligible to receive gifts. */
        CANNOT_RECEIVE,
        /** Sender and creator are the same member. */
        SELF_GIFT
    }

    private final Party party;
    private final Reason reason;
    private final UserId user;
    private final transient Region region;
    private final int age;
    private final int minimumAge;

    /**
     * Creates the exception.
     *
     * @param party which side, not null
     * @param reason why, not null
     * @param user the member concerned, not null
     * @param region the member's region, null if unknown
     * @param age the member's age, or -1 if not relevant
     * @param minimumAge the minimum age of the member's region, or -1 if not relevant
     * @param detail further words for the message, not null
     */
    public NotEligibleException(
            Party party, Reason reason, UserId user, Region region, int age, int minimumAge, String detail) {
        super(Objects.requireNonNull(party, "party").name().toLowerCase(Locale.ROOT) + " "
                + Objects.requireNonNull(user, "user") + " is not eligible: " + Objects.requireNonNull(reason, "reason")
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.party = party;
        this.reason = reason;
        this.user = user;
        this.region = region;
        this.age = age;
        this.minimumAge = minimumAge;
    }

    /**
     * Returns which side of the gift is not eligible.
     *
     * @return the party, never null
     */
    public Party party() {
        return party;
    }

    /**
     * Returns why.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the member who is not eligible.
     *
     * @return the member, never null
     */
    public UserId user() {
        return user;
    }

    /**
     * Returns the member's region, when the host reported one.
     *
     * @return the region
     */
    public Optional<Region> region() {
        return Optional.ofNullable(region);
    }

    /**
     * Returns the member's age at the gift's instant, for {@link Reason#TOO_YOUNG}.
     *
     * @return the age in years, empty for other reasons
     */
    public OptionalInt age() {
        return age < 0 ? OptionalInt.empty() : OptionalInt.of(age);
    }

    /**
     * Returns the minimum age in the member's region, for {@link Reason#TOO_YOUNG}.
     *
     * @return the minimum age in years, empty for other reasons
     */
    public OptionalInt minimumAge() {
        return minimumAge < 0 ? OptionalInt.empty() : OptionalInt.of(minimumAge);
    }
}
