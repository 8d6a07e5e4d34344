package dev.coinage.policy;

import dev.coinage.catalog.Region;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * What Coinage needs to know about a member to decide whether they may send or receive a gift: when they were born,
 * the region whose rules apply to them, their standing, and whether they may receive gifts (a creator account).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param birthDate the member's date of birth, not null
 * @param region the region whose rules apply to the member, not null
 * @param standing the member's standing, not null
 * @param mayReceiveGifts whether the member is eligible to receive gifts
 * @param tier the creator's tier, for shares of net revenue that differ by tier, empty if none, not null
 */
public record MemberProfile(
        LocalDate birthDate, Region region, Standing standing, boolean mayReceiveGifts, Optional<String> tier) {
    /**
     * Creates a profile without a tier.
     *
     * @param birthDate the date of birth, not null
     * @param region the region, not null
     * @param standing the standing, not null
     * @param mayReceiveGifts whether the member may receive gifts
     * @throws NullPointerException if an object field is null
     */
    public MemberProfile(LocalDate birthDate, Region region, Standing standing, boolean mayReceiveGifts) {
        this(birthDate, region, standing, mayReceiveGifts, Optional.empty());
    }

    /**
     * Creates a profile.
     *
     * @param birthDate the date of birth, not null
     * @param region the region, not null
     * @param standing the standing, not null
     * @param mayReceiveGifts whether the member may receive gifts
     * @param tier the creator's tier, not null, empty or not blank
     * @throws NullPointerException if an object field is null
     * @throws IllegalArgumentException if the tier is blank
     */
    public MemberProfile {
        Objects.requireNonNull(birthDate, "birthDate");
        if (Objects.requireNonNull(tier, "tier").isPresent() && tier.get().isBlank()) {
            throw new IllegalArgumentException("tier must not be blank");
        }
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(standing, "standing");
    }

    /**
     * A member in good standing who may send and receive gifts.
     *
     * @param birthDate the date of birth, not null
     * @param region the region whose rules apply, not null
     * @return the profile, never null
     */
    public static MemberProfile of(LocalDate birthDate, Region region) {
        return new MemberProfile(birthDate, region, Standing.GOOD, true);
    }

    /**
     * Returns a copy with a creator tier.
     *
     * @param tier the tier, not null, not blank
     * @return the copy, never null
     */
    public MemberProfile withTier(String tier) {
        return new MemberProfile(birthDate, region, standing, mayReceiveGifts, Optional.of(tier));
    }

    /**
     * Returns the member's age in whole years at an instant, counted on the UTC calendar.
     *
     * @param at the instant, not null
     * @return the age in completed years; negative if the birth date is after the instant
     */
    public int ageAt(Instant at) {
        // The UTC date without a zone's rules: an instant's UTC day is its epoch second floored to days.
        LocalDate today = LocalDate.ofEpochDay(
                Math.floorDiv(Objects.requireNonNull(at, "at").getEpochSecond(), 86_400));
        if (today.isBefore(birthDate)) {
            return Period.between(birthDate, today).getYears();
        }
        int years = today.getYear() - birthDate.getYear();
        if (today.getMonthValue() < birthDate.getMonthValue()
                || (today.getMonthValue() == birthDate.getMonthValue()
                        && today.getDayOfMonth() < birthDate.getDayOfMonth())) {
            years--;
        }
        return years;
    }
}
