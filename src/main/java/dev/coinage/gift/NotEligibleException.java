package dev.coinage.gift;

import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.Region;
import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import dev.coinage.policy.Standing;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Thrown when the sender may not send a gift or the creator may not receive one: unknown to the host, too young for
 * their region, not in good standing, in a region the gift is not offered in, not eligible to receive, or sending to
 * themselves. Carries which party, why, and the figures behind the reason: each reason has its own factory, and a
 * figure that a reason does not have is empty. Nothing was written.
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
    private final Integer age;
    private final Integer minimumAge;
    private final Standing standing;

    private NotEligibleException(
            Party party,
            Reason reason,
            UserId user,
            Region region,
            Integer age,
            Integer minimumAge,
            Standing standing,
            String detail) {
        super(Objects.requireNonNull(party, "party").name().toLowerCase(Locale.ROOT) + " "
                + Objects.requireNonNull(user, "user") + " is not eligible: " + Objects.requireNonNull(reason, "reason")
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.party = party;
        this.reason = reason;
        this.user = user;
        this.region = region;
        this.age = age;
        this.minimumAge = minimumAge;
        this.standing = standing;
    }

    /**
     * The host's members port does not know a member ({@link Reason#UNKNOWN_MEMBER}).
     *
     * @param party which side, not null
     * @param user the member, not null
     * @return the exception, never null
     */
    public static NotEligibleException unknownMember(Party party, UserId user) {
        return new NotEligibleException(
                party, Reason.UNKNOWN_MEMBER, user, null, null, null, null, "unknown to the host");
    }

    /**
     * A member is younger than the minimum age of their region ({@link Reason#TOO_YOUNG}).
     *
     * @param party which side, not null
     * @param user the member, not null
     * @param region the member's region, not null
     * @param age the member's age in years at the gift's instant; a negative age (a birth date after that instant) is
     *     reported by {@link #age()} as 0
     * @param minimumAge the minimum age of the region, in years
     * @return the exception, never null
     */
    public static NotEligibleException tooYoung(Party party, UserId user, Region region, int age, int minimumAge) {
        return new NotEligibleException(
                party,
                Reason.TOO_YOUNG,
                user,
                Objects.requireNonNull(region, "region"),
                Math.max(age, 0),
                minimumAge,
                null,
                "age " + age + ", minimum in " + region + " is " + minimumAge);
    }

    /**
     * A member is not in good standing ({@link Reason#STANDING}).
     *
     * @param party which side, not null
     * @param user the member, not null
     * @param region the member's region, not null
     * @param standing the member's standing, not null
     * @return the exception, never null
     */
    public static NotEligibleException notInGoodStanding(Party party, UserId user, Region region, Standing standing) {
        return new NotEligibleException(
                party,
                Reason.STANDING,
                user,
                Objects.requireNonNull(region, "region"),
                null,
                null,
                standing,
                Objects.requireNonNull(standing, "standing").name());
    }

    /**
     * A gift is not offered in the sender's region ({@link Reason#REGION}).
     *
     * @param sender the sender, not null
     * @param region the sender's region, not null
     * @param gift the gift, not null
     * @return the exception, never null
     */
    public static NotEligibleException notOfferedInRegion(UserId sender, Region region, GiftId gift) {
        Objects.requireNonNull(region, "region");
        return new NotEligibleException(
                Party.SENDER,
                Reason.REGION,
                sender,
                region,
                null,
                null,
                null,
                "gift " + Objects.requireNonNull(gift, "gift") + " is not offered in " + region);
    }

    /**
     * A creator is not eligible to receive gifts ({@link Reason#CANNOT_RECEIVE}).
     *
     * @param creator the creator, not null
     * @param region the creator's region, not null
     * @return the exception, never null
     */
    public static NotEligibleException cannotReceive(UserId creator, Region region) {
        return new NotEligibleException(
                Party.CREATOR,
                Reason.CANNOT_RECEIVE,
                creator,
                Objects.requireNonNull(region, "region"),
                null,
                null,
                null,
                "");
    }

    /**
     * A member sends a gift to themselves ({@link Reason#SELF_GIFT}); reported for the sender.
     *
     * @param user the member, not null
     * @return the exception, never null
     */
    public static NotEligibleException selfGift(UserId user) {
        return new NotEligibleException(
                Party.SENDER, Reason.SELF_GIFT, user, null, null, null, null, "sending to oneself");
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
     * Returns the member's region, when the host reported one: for every reason but {@link Reason#UNKNOWN_MEMBER} and
     * {@link Reason#SELF_GIFT}.
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
        return age == null ? OptionalInt.empty() : OptionalInt.of(age);
    }

    /**
     * Returns the minimum age in the member's region, for {@link Reason#TOO_YOUNG}.
     *
     * @return the minimum age in years, empty for other reasons
     */
    public OptionalInt minimumAge() {
        return minimumAge == null ? OptionalInt.empty() : OptionalInt.of(minimumAge);
    }

    /**
     * Returns the member's standing, for {@link Reason#STANDING}.
     *
     * @return the standing, empty for other reasons
     */
    public Optional<Standing> standing() {
        return Optional.ofNullable(standing);
    }
}
