package dev.coinage.reports;

import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * What the platform owes creators, valued at the economy's diamond value: parts still on hold, diamonds available to
 * cash out, diamonds in a payout not yet paid; and what creators earned and were paid in all.
 *
 * @param heldParts diamond parts on hold
 * @param held their value, not null
 * @param availableDiamonds diamonds available to cash out
 * @param available their value, not null
 * @param inPayoutDiamonds diamonds reserved by payouts in review, approved or submitted
 * @param inPayout their value, not null
 * @param earnedParts the parts gifts earned creators, less those refunds took back: the creator share
 * @param earned their value, not null
 * @param paidOutDiamonds diamonds paid out
 * @param paidOut their value, not null
 */
public record CreatorPayable(
        long heldParts,
        MonetaryAmount held,
        long availableDiamonds,
        MonetaryAmount available,
        long inPayoutDiamonds,
        MonetaryAmount inPayout,
        long earnedParts,
        MonetaryAmount earned,
        long paidOutDiamonds,
        MonetaryAmount paidOut) {
    /**
     * Checks the payable.
     *
     * @param heldParts the parts on hold
     * @param held their value, not null
     * @param availableDiamonds the diamonds available
     * @param available their value, not null
     * @param inPayoutDiamonds the diamonds in payout
     * @param inPayout their value, not null
     * @param earnedParts the parts earned
     * @param earned their value, not null
     * @param paidOutDiamonds the diamonds paid out
     * @param paidOut their value, not null
     * @throws NullPointerException if an object component is null
     */
    public CreatorPayable {
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(inPayout, "inPayout");
        Objects.requireNonNull(earned, "earned");
        Objects.requireNonNull(paidOut, "paidOut");
    }
}
