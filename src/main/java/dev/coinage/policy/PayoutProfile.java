package dev.coinage.policy;

import java.util.Objects;
import javax.money.CurrencyUnit;

/**
 * What Coinage needs to know about a creator, beyond their {@link MemberProfile}, to let them cash out: whether the
 * host has verified their identity (KYC), whether a payout method is on file and in which currency it is paid, and
 * whether the host wants their cash-outs reviewed by hand.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kycVerified whether the creator's identity is verified
 * @param payoutMethodOnFile whether a payout method (bank account, PayPal address...) is on file
 * @param payoutCurrency the currency the payout method is paid in, not null
 * @param flaggedForReview whether every cash-out of this creator waits for a manual review
 */
public record PayoutProfile(
        boolean kycVerified, boolean payoutMethodOnFile, CurrencyUnit payoutCurrency, boolean flaggedForReview) {
    /**
     * Validates the profile.
     *
     * @param kycVerified whether the identity is verified
     * @param payoutMethodOnFile whether a payout method is on file
     * @param payoutCurrency the payout currency, not null
     * @param flaggedForReview whether cash-outs need a manual review
     * @throws NullPointerException if {@code payoutCurrency} is null
     */
    public PayoutProfile {
        Objects.requireNonNull(payoutCurrency, "payoutCurrency");
    }

    /**
     * Returns a verified profile with a payout method in the given currency, not flagged.
     *
     * @param payoutCurrency the payout currency, not null
     * @return the profile, never null
     */
    public static PayoutProfile verified(CurrencyUnit payoutCurrency) {
        return new PayoutProfile(true, true, payoutCurrency, false);
    }

    /**
     * Returns this profile flagged, or not, for manual review.
     *
     * @param flagged whether cash-outs need a manual review
     * @return the profile, never null
     */
    public PayoutProfile withFlaggedForReview(boolean flagged) {
        return new PayoutProfile(kycVerified, payoutMethodOnFile, payoutCurrency, flagged);
    }
}
