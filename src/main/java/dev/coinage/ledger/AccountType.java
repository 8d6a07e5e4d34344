package dev.coinage.ledger;

/**
 * The kinds of ledger account. Member accounts belong to one user and may never be negative except through the
 * refund-debt path; system accounts are the other side of issuing, consuming and paying out, and take any sign.
 */
public enum AccountType {
    /** A viewer's coin wallet. */
    USER_COINS("coins", LedgerUnit.COIN, true),
    /** A creator's diamonds that are still on hold (refund and chargeback risk). */
    CREATOR_DIAMONDS_HELD("held", LedgerUnit.DIAMOND, true),
    /** A creator's diamonds that can be cashed out. */
    CREATOR_DIAMONDS_AVAILABLE("available", LedgerUnit.DIAMOND, true),
    /** Source of coins sold for money; its negative balance is the paid coins in circulation. */
    COINS_ISSUED_PAID("issued-paid", LedgerUnit.COIN, false),
    /** Source of bonus coins given away with packages or promotions. */
    COINS_ISSUED_BONUS("issued-bonus", LedgerUnit.COIN, false),
    /** Sink of coins spent on gifts. */
    COINS_CONSUMED("consumed", LedgerUnit.COIN, false),
    /** Source of diamonds credited to creators. */
    DIAMONDS_ISSUED("diamonds-issued", LedgerUnit.DIAMOND, false),
    /** Sink of diamonds that were cashed out. */
    DIAMONDS_PAID_OUT("diamonds-paid-out", LedgerUnit.DIAMOND, false),
    /** Whole diamonds kept by the platform from conversion fractions (platform-residue mode). */
    DIAMONDS_RESIDUE("diamonds-residue", LedgerUnit.DIAMOND, false);

    private final String code;
    private final LedgerUnit unit;
    private final boolean member;

    AccountType(String code, LedgerUnit unit, boolean member) {
        this.code = code;
        this.unit = unit;
        this.member = member;
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
