package dev.coinage.ledger;

/** The units the ledger counts. Every transaction balances in each unit separately: its postings sum to zero. */
public enum LedgerUnit {
    /** Viewer-side coins. */
    COIN("coins"),
    /** Creator-side diamonds. */
    DIAMOND("diamonds");

    private final String plural;

    LedgerUnit(String plural) {
        this.plural = plural;
    }

    /**
     * Returns the unit's name in plural, for messages.
     *
     * @return "coins" or "diamonds"
     */
    public String plural() {
        return plural;
    }
}
