package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import dev.coinage.policy.Standing;
import java.util.Objects;

/** A creator may not cash out now, for the {@linkplain #reason() reason} given; nothing was written. */
public final class CashOutNotAllowedException extends CoinageException {
    private static final long serialVersionUID = 1L;

    /** Why a creator may not cash out. */
    public enum Reason {
        /** The host's member directory does not know the creator. */
        UNKNOWN_MEMBER,
        /** The member may not receive gifts: not a creator account. */
        NOT_A_CREATOR,
        /** The creator is younger than the minimum age of their region. */
        UNDER_AGE,
        /** The creator's standing is not good. */
        NOT_IN_GOOD_STANDING,
        /** The host has no payout profile for the creator. */
        NO_PAYOUT_PROFILE,
        /** The creator's identity is not verified. */
        KYC_NOT_VERIFIED,
        /** No payout method is on file. */
        NO_PAYOUT_METHOD
    }

    private final UserId creator;
    private final Reason reason;
    private final String detail;

    private CashOutNotAllowedException(UserId creator, Reason reason, String detail) {
        super("creator " + creator + " may not cash out: " + reason + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.creator = creator;
        this.reason = reason;
        this.detail = detail;
    }

    /**
     * The creator is unknown to the host, has no payout profile, is not verified or has no payout method.
     *
     * @param creator the creator, not null
     * @param reason the reason, not null
     * @return the exception, never null
     */
    public static CashOutNotAllowedException of(UserId creator, Reason reason) {
        return new CashOutNotAllowedException(
                Objects.requireNonNull(creator, "creator"), Objects.requireNonNull(reason, "reason"), "");
    }

    /**
     * The creator is younger than their region's minimum age.
     *
     * @param creator the creator, not null
     * @param age the creator's age
     * @param minimum the minimum age
     * @return the exception, never null
     */
    public static CashOutNotAllowedException underAge(UserId creator, int age, int minimum) {
        return new CashOutNotAllowedException(
                Objects.requireNonNull(creator, "creator"), Reason.UNDER_AGE, "age " + age + ", minimum " + minimum);
    }

    /**
     * The creator's standing is not good.
     *
     * @param creator the creator, not null
     * @param standing the standing, not null
     * @return the exception, never null
     */
    public static CashOutNotAllowedException standing(UserId creator, Standing standing) {
        return new CashOutNotAllowedException(
                Objects.requireNonNull(creator, "creator"),
                Reason.NOT_IN_GOOD_STANDING,
                Objects.requireNonNull(standing, "standing").name());
    }

    /**
     * Returns the creator.
     *
     * @return the creator, never null
     */
    public UserId creator() {
        return creator;
    }

    /**
     * Returns why the creator may not cash out.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the figures behind the reason, such as the age and minimum.
     *
     * @return the detail, empty if none, never null
     */
    public String detail() {
        return detail;
    }
}
