package dev.coinage.ledger;

/** The units the ledger counts. Every transaction balances in each unit separately: its postings sum to zero. */
public enum LedgerUnit {
    /** Viewer-side coins. */
    COIN("coins"),
    /** Creator-side whole diamonds, the unit that is cashed out. */
    DIAMOND("diamonds"),
    /**
     * Parts of a diamond: the economy counts a creator's earnings from gifts in parts (for a 1/2 share, one part is
     * half a diamond) so that no fraction is ever rounded away. Parts become whole diamonds when held earnings are
     * released. How many parts make a diamond is a setting of the economy, not of the ledger.
     */
    DIAMOND_PART("diamond parts"),
    /**
     * A member's remaining spending allowance in one limit period, counted in coins, or for a limit set in money in
     * millionths of the base currency (the cost of the coins spent). Not money moved: allowances make a spending
     * limit a balance that the store guards atomically with the gift that uses it.
     */
    ALLOWANCE("coins of allowance"),
    /**
     * Coins of recharge purchases, counted apart from the wallet: what a payment still pending would credit, and what
     * of each credited purchase can still be refunded. Recharges keep this sub-ledger; gifts never touch it.
     */
    PURCHASE("purchased coins"),
    /**
     * Coins counted by where they came from and went: the unspent coins of each purchase's lot, the coins of a lot
     * spent on gifts to each creator per hold period, and the coins a member owes after a refund. For a member whose
     * coins all came through recharges, wallet = unspent lots − debt.
     */
    LOT("coins of lots"),
    /**
     * The cost of one paid coin of a purchase, in 10<sup>-12</sup> of the base currency, recorded once when the
     * purchase is credited: what a gift's coins cost, for spending limits set in money.
     */
    COST("picounits of cost"),
    /**
     * The net money behind one paid coin of a purchase (its cost less the store's fee and the tax), in 10<sup>-9</sup>
     * of the base currency, recorded once when the purchase is credited: what a gift earns from in the net-revenue
     * earnings mode.
     */
    NET("nanounits of net revenue"),
    /**
     * The creator's share of net revenue for a purchase's coins, in basis points, recorded once when the purchase is
     * credited (the share of its channel in the net-revenue earnings mode).
     */
    SHARE("basis points of share");

    private final String plural;

    LedgerUnit(String plural) {
        this.plural = plural;
    }

    /**
     * Returns the unit's name in plural, for messages.
     *
     * @return such as "coins" or "diamonds"
     */
    public String plural() {
        return plural;
    }
}
