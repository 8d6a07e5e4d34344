package dev.coinage.earnings;

/**
 * A creator's earnings as the ledger holds them now.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param heldParts diamond parts still on hold
 * @param carryParts released parts that do not yet make a whole diamond
 * @param partsPerDiamond how many parts make a diamond
 * @param availableDiamonds whole diamonds that can be cashed out
 * @param reservedDiamonds diamonds of cash-outs in review, approved or submitted
 */
public record CreatorEarnings(
        long heldParts, long carryParts, long partsPerDiamond, long availableDiamonds, long reservedDiamonds) {}
