package dev.coinage.earnings;

/** Where a cash-out is in its lifecycle; see {@link CashOuts}. */
public enum PayoutStatus {
    /** Requested, its diamonds reserved, waiting for a manual review. */
    IN_REVIEW,
    /** Requested or approved after review, its diamonds reserved, not yet submitted. */
    APPROVED,
    /** Rejected in review: its diamonds were returned to the creator. Final. */
    REJECTED,
    /** Submitted to the payout provider, outcome not known yet; its diamonds reserved. */
    SUBMITTED,
    /** Paid: its diamonds were burned. May still be returned. */
    PAID,
    /** Failed at the provider: its diamonds were returned to the creator. Final. */
    FAILED,
    /** Paid, then the money came back: its diamonds were returned to the creator. Final. */
    RETURNED;

    /**
     * Tells whether the payout's diamonds are still reserved (neither burned nor returned).
     *
     * @return true for {@link #IN_REVIEW}, {@link #APPROVED} and {@link #SUBMITTED}
     */
    public boolean isReserved() {
        return this == IN_REVIEW || this == APPROVED || this == SUBMITTED;
    }
}
