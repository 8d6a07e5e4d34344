package dev.coinage.ledger;

/**
 * The kinds of ledger account. Member accounts belong to one user and may never be negative except through the
 * refund-debt path; system accounts are the other side of issuing, consuming, converting and paying out, and take any
 * sign.
 */
public enum AccountType {
    /** A viewer's coin wallet. */
    USER_COINS("coins", LedgerUnit.COIN, true, false),
    /**
     * A creator's earnings from gifts still on hold (refund and chargeback risk), in diamond parts. There is one per
     * creator and hold period, named by the period's reference, so a period's earnings are released together.
     */
    CREATOR_HOLD("hold", LedgerUnit.DIAMOND_PART, true, true),
    /** Released diamond parts of a creator that do not yet make a whole diamond. */
    CREATOR_CARRY("carry", LedgerUnit.DIAMOND_PART, true, false),
    /**
     * The room left in a creator's carry before it makes a whole diamond: always parts-per-diamond minus one minus
     * the carry. Every change of the carry is mirrored here, so the store's non-negative guard on both keeps the carry
     * below one diamond however releases interleave.
     */
    CREATOR_CARRY_ROOM("carry-room", LedgerUnit.DIAMOND_PART, true, false),
    /**
     * A member's remaining spending allowance for one limit period (such as a day), named by the period's reference;
     * gifts debit it, so the limit is enforced by the same atomic guard as the coins.
     */
    USER_ALLOWANCE("allowance", LedgerUnit.ALLOWANCE, true, true),
    /**
     * The coins a pending payment will credit once confirmed, one account per purchase, named by the purchase's
     * reference. Confirming or declining the payment empties it, so the store's guard lets only one of them happen.
     */
    PAYMENT_PENDING("pending", LedgerUnit.PURCHASE, true, true),
    /**
     * A credited purchase's lot: the coins of the purchase not refunded yet, one account per purchase, named by the
     * purchase's reference. Refunds debit it, so the store's guard refuses refunding more than was bought.
     */
    COIN_LOT("lot", LedgerUnit.PURCHASE, true, true),
    /**
     * The unspent paid coins of one credited purchase, named {@code <credit time in ms, 13 digits>.<purchase hash>} so
     * that a member's lots list oldest first. Gifts consume a member's paid lots oldest first, then the bonus lots.
     */
    LOT_PAID("lot-paid", LedgerUnit.LOT, true, true),
    /** The unspent bonus coins of one credited purchase, named like {@link #LOT_PAID}; consumed after all paid lots. */
    LOT_BONUS("lot-bonus", LedgerUnit.LOT, true, true),
    /**
     * The coins of one purchase spent on gifts to the owner (a creator) in one hold period and not yet claimed by a
     * refund of that purchase, named {@code <purchase hash>.<hold period>}: the link from a lot to the diamonds its coins
     * earned, which a refund follows to reverse diamonds still on hold.
     */
    LOT_GIFTED("lot-gifted", LedgerUnit.LOT, true, true),
    /**
     * In platform-residue mode, the diamond parts held for the owner (a creator) in one hold period that the coins of
     * one purchase earned and that no refund of it has reversed yet, named like {@link #LOT_GIFTED}. A refund reverses
     * a share of it in proportion to the coins it claims, so it never takes back parts the platform kept as residue.
     */
    LOT_HELD("lot-held", LedgerUnit.DIAMOND_PART, true, true),
    /** The coins a member owes after a refund of coins already spent; recharges repay it first. */
    COIN_DEBT("debt", LedgerUnit.LOT, true, false),
    /** A member's wallet freeze: positive while the wallet is frozen after a refund of spent coins. */
    WALLET_FREEZE("frozen", LedgerUnit.PURCHASE, true, false),
    /** A creator's whole diamonds that can be cashed out. */
    CREATOR_DIAMONDS("diamonds", LedgerUnit.DIAMOND, true, false),
    /** Source of coins sold for money; its negative balance is the paid coins in circulation. */
    COINS_ISSUED_PAID("issued-paid", LedgerUnit.COIN, false, false),
    /** Source of bonus coins given away with packages or promotions. */
    COINS_ISSUED_BONUS("issued-bonus", LedgerUnit.COIN, false, false),
    /** Sink of coins spent on gifts. */
    COINS_CONSUMED("consumed", LedgerUnit.COIN, false, false),
    /** Source of the diamond parts that gifts earn creators. */
    PARTS_ISSUED("parts-issued", LedgerUnit.DIAMOND_PART, false, false),
    /** The diamond parts kept by the platform when conversion runs in platform-residue mode. */
    PARTS_RESIDUE("parts-residue", LedgerUnit.DIAMOND_PART, false, false),
    /** Source of the carry room granted to each creator once. */
    PARTS_CARRY_ROOM("parts-carry-room", LedgerUnit.DIAMOND_PART, false, false),
    /** Source of spending allowances granted at the start of each limit period. */
    ALLOWANCE_GRANTED("allowance-granted", LedgerUnit.ALLOWANCE, false, false),
    /** Sink of allowance used by gifts. */
    ALLOWANCE_USED("allowance-used", LedgerUnit.ALLOWANCE, false, false),
    /** The other side of {@link #LOT_HELD}: the parts linked to purchases. */
    PARTS_LINKED("parts-linked", LedgerUnit.DIAMOND_PART, false, false),
    /** Sink of diamond parts that were turned into whole diamonds. */
    PARTS_CONVERTED("parts-converted", LedgerUnit.DIAMOND_PART, false, false),
    /** Source of whole diamonds, minted when released parts make a whole diamond. */
    DIAMONDS_ISSUED("diamonds-issued", LedgerUnit.DIAMOND, false, false),
    /** Sink of diamonds that were cashed out. */
    DIAMONDS_PAID_OUT("diamonds-paid-out", LedgerUnit.DIAMOND, false, false),
    /** The other side of the purchase sub-ledger: pending payments, lots and freezes are opened from it. */
    PURCHASES("purchases", LedgerUnit.PURCHASE, false, false),
    /** The other side of the lot sub-ledger: lots are credited from it, and consumed or refunded coins return to it. */
    LOTS("lots", LedgerUnit.LOT, false, false),
    /**
     * The diamonds of one cash-out waiting for a manual review, named by the payout's id: reserved (no longer
     * available to the creator) but not yet burned. Approving or rejecting empties it, so the store's guard lets only
     * one of them happen.
     */
    PAYOUT_REVIEW("payout-review", LedgerUnit.DIAMOND, true, true),
    /** The diamonds of one approved cash-out not yet submitted to the payout provider, named by the payout's id. */
    PAYOUT_APPROVED("payout-approved", LedgerUnit.DIAMOND, true, true),
    /**
     * The diamonds of one cash-out submitted to the payout provider whose outcome is not known yet, named by the
     * payout's id. Paid burns them, failed returns them to the creator: the store's guard lets only one happen.
     */
    PAYOUT_SUBMITTED("payout-submitted", LedgerUnit.DIAMOND, true, true),
    /**
     * A creator's remaining cash-out allowance for one calendar day or week, counted in diamonds at the economy's
     * diamond value and named by the period ({@code cd<yyyyMMdd>} or {@code cw<yyyy>W<ww>}). Cash-outs debit it when
     * requested, so the caps hold under concurrency by the same atomic guard as the diamonds; rejected and failed
     * cash-outs give it back.
     */
    CASHOUT_ALLOWANCE("cashout-allowance", LedgerUnit.ALLOWANCE, true, true),
    /**
     * What one paid coin of a purchase cost, in the base currency, named like {@link #LOT_PAID}: written once when the
     * purchase is credited, never changed, so that a gift can count its coins at cost against spending limits set in
     * money.
     */
    LOT_COST("lot-cost", LedgerUnit.COST, true, true),
    /** The other side of {@link #LOT_COST}: the unit costs recorded. */
    LOT_COSTS("lot-costs", LedgerUnit.COST, false, false),
    /**
     * A creator's debt in diamond parts: negative by the parts a refund took back after they were released that the
     * creator's carry and diamonds did not cover. It goes negative only through the refund-debt path; later releases
     * repay it first.
     */
    CREATOR_DEBT("creator-debt", LedgerUnit.DIAMOND_PART, true, false),
    /**
     * The mirror of {@link #CREATOR_DEBT}: always its negation, never negative, so the store's guard refuses repaying
     * more than is owed however releases interleave.
     */
    CREATOR_DEBT_DUE("creator-debt-due", LedgerUnit.DIAMOND_PART, true, false),
    /** The other side of {@link #CREATOR_DEBT_DUE}: the creators' debts outstanding. */
    CREATOR_DEBTS("creator-debts", LedgerUnit.DIAMOND_PART, false, false),
    /** Sink of released diamond parts that refunds took back from creators (from carry, diamonds or into debt). */
    PARTS_TAKEN_BACK("parts-taken-back", LedgerUnit.DIAMOND_PART, false, false),
    /**
     * Released diamond parts that refunded coins had earned and that were left with the creators: the platform's loss.
     * Refunds move them here from {@link #PARTS_ISSUED}.
     */
    PARTS_LOSS("parts-loss", LedgerUnit.DIAMOND_PART, false, false),
    /**
     * The net money behind one paid coin of a purchase, in the base currency, named like {@link #LOT_PAID}: written
     * once when the purchase is credited in the net-revenue earnings mode, never changed.
     */
    LOT_NET("lot-net", LedgerUnit.NET, true, true),
    /** The other side of {@link #LOT_NET}: the net unit values recorded. */
    LOT_NETS("lot-nets", LedgerUnit.NET, false, false),
    /**
     * The creator's share of the net money behind a purchase's coins (its channel's share), named like
     * {@link #LOT_PAID}: written once when the purchase is credited in the net-revenue earnings mode, never changed.
     */
    LOT_SHARE("lot-share", LedgerUnit.SHARE, true, true),
    /** The other side of {@link #LOT_SHARE}: the shares recorded. */
    LOT_SHARES("lot-shares", LedgerUnit.SHARE, false, false);

    private final String code;
    private final LedgerUnit unit;
    private final boolean member;
    private final boolean referenced;

    AccountType(String code, LedgerUnit unit, boolean member, boolean referenced) {
        this.code = code;
        this.unit = unit;
        this.member = member;
        this.referenced = referenced;
    }

    /**
     * Returns the short stable code used in account names and storage.
     *
     * @return the code, never null
     */
    public String code() {
        return code;
    }

    /**
     * Returns the unit the account counts.
     *
     * @return the unit, never null
     */
    public LedgerUnit unit() {
        return unit;
    }

    /**
     * Tells whether accounts of this type belong to a member (and so must not go negative outside the debt path).
     *
     * @return true for member accounts, false for system accounts
     */
    public boolean isMember() {
        return member;
    }

    /**
     * Tells whether a member has many accounts of this type, each named by a reference (such as a hold period).
     *
     * @return true if accounts of this type carry a reference
     */
    public boolean isReferenced() {
        return referenced;
    }

    /**
     * Finds a type by its {@link #code()}.
     *
     * @param code the code, not null
     * @return the type, never null
     * @throws IllegalArgumentException if no type has that code
     */
    public static AccountType ofCode(String code) {
        for (AccountType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown account type code: " + code);
    }
}
