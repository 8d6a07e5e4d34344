package dev.coinage.reports;

/** The kind of coins in a lot: paid for, or given free on top of a purchase. */
public enum LotType {
    /** Coins the buyer paid for: they carry the purchase's cost. */
    PAID,
    /** Bonus coins given with a purchase: they cost nothing. */
    BONUS
}
