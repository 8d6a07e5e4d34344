package dev.coinage.earnings;

import dev.coinage.core.UserId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A creator's earnings over one calendar month, computed from the ledger's entries. Each balance reconciles:
 * {@code heldClosing = heldOpening + partsHeld - partsReleased - partsReversed} and {@code diamondsClosing =
 * diamondsOpening + diamondsMinted - diamondsCashedOut + diamondsReturned - diamondsTakenBack + diamondsOther}. Parts a
 * refund took back after their release are the line "taken back after release" ({@code partsTakenBack}): from the
 * carry, from whole diamonds ({@code diamondsTakenBack}) and into debt; the debt the creator owes opens at
 * {@code debtOpening} and closes at {@code debtClosing}, and releases repay it before they add to the carry. Money
 * figures are in the settlement currency, for the payouts paid and returned within the month.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param creator the creator, not null
 * @param month the month, not null
 * @param zone the zone the month is counted in, not null
 * @param from the month's first instant, not null
 * @param to the next month's first instant, not null
 * @param heldOpening diamond parts on hold at {@code from}
 * @param partsHeld parts put on hold by gifts received
 * @param partsReleased parts released from hold
 * @param partsReversed parts taken back from hold by refunds and chargebacks
 * @param heldClosing parts on hold at {@code to}
 * @param carryOpening released parts short of a diamond at {@code from}
 * @param carryClosing released parts short of a diamond at {@code to}
 * @param diamondsOpening available diamonds at {@code from}
 * @param diamondsMinted diamonds minted from released parts
 * @param diamondsCashedOut diamonds reserved by cash-out requests
 * @param diamondsReturned diamonds returned by rejected, failed and returned cash-outs
 * @param diamondsOther diamonds moved by anything else, signed
 * @param diamondsClosing available diamonds at {@code to}
 * @param diamondsPaidOut diamonds burned by payouts paid
 * @param grossPaid the gross of payouts paid, not null
 * @param feesPaid the fees of payouts paid, not null
 * @param netPaid the net of payouts paid, not null
 * @param diamondsReturnedAfterPayment diamonds of paid payouts that came back
 * @param netReturned the net of payouts that came back, not null
 * @param partsTakenBack released diamond parts that refunds and chargebacks took back within the month: from the carry,
 *     from whole diamonds and into debt
 * @param diamondsTakenBack whole diamonds that refunds and chargebacks took back within the month (counted in
 *     {@code partsTakenBack}; a broken diamond's unused parts went to the carry)
 * @param debtOpening diamond parts the creator owed at {@code from}
 * @param debtClosing diamond parts the creator owed at {@code to}
 */
public record CreatorStatement(
        UserId creator,
        YearMonth month,
        ZoneId zone,
        Instant from,
        Instant to,
        long heldOpening,
        long partsHeld,
        long partsReleased,
        long partsReversed,
        long heldClosing,
        long carryOpening,
        long carryClosing,
        long diamondsOpening,
        long diamondsMinted,
        long diamondsCashedOut,
        long diamondsReturned,
        long diamondsOther,
        long diamondsClosing,
        long diamondsPaidOut,
        MonetaryAmount grossPaid,
        MonetaryAmount feesPaid,
        MonetaryAmount netPaid,
        long diamondsReturnedAfterPayment,
        MonetaryAmount netReturned,
        long partsTakenBack,
        long diamondsTakenBack,
        long debtOpening,
        long debtClosing) {
    /**
     * Validates the statement.
     *
     * @param creator the creator
     * @param month the month
     * @param zone the zone
     * @param from the start
     * @param to the end
     * @param heldOpening held at start
     * @param partsHeld parts held
     * @param partsReleased parts released
     * @param partsReversed parts reversed
     * @param heldClosing held at end
     * @param carryOpening carry at start
     * @param carryClosing carry at end
     * @param diamondsOpening diamonds at start
     * @param diamondsMinted diamonds minted
     * @param diamondsCashedOut diamonds cashed out
     * @param diamondsReturned diamonds returned
     * @param diamondsOther other movements
     * @param diamondsClosing diamonds at end
     * @param diamondsPaidOut diamonds paid out
     * @param grossPaid gross paid
     * @param feesPaid fees paid
     * @param netPaid net paid
     * @param diamondsReturnedAfterPayment diamonds returned after payment
     * @param netReturned net returned
     * @param partsTakenBack parts taken back after release
     * @param diamondsTakenBack diamonds taken back after release
     * @param debtOpening debt at start
     * @param debtClosing debt at end
     * @throws NullPointerException if an object field is null
     */
    public CreatorStatement {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(grossPaid, "grossPaid");
        Objects.requireNonNull(feesPaid, "feesPaid");
        Objects.requireNonNull(netPaid, "netPaid");
        Objects.requireNonNull(netReturned, "netReturned");
    }
}
