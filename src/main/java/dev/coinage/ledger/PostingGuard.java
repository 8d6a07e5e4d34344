package dev.coinage.ledger;

/**
 * The ledger's balance rules for one posting, in the one place every store applies them: a balance never leaves the
 * {@code long} range, and a debit may take a member account below zero only through the debt path
 * ({@link Posting#debitIntoDebt}). System accounts take any sign: their balances are the other side of members'.
 */
public final class PostingGuard {
    private PostingGuard() {}

    /**
     * The balance an account has after a posting, if the rules allow it.
     *
     * @param posting the posting, not null
     * @param before the account's balance before the posting
     * @return the balance after it
     * @throws BalanceOverflowException if the balance would leave the {@code long} range
     * @throws InsufficientBalanceException if a member account would go below zero outside the debt path (an
     *     {@link InsufficientCoinsException} or {@link InsufficientDiamondsException} for those units)
     */
    public static long after(Posting posting, long before) {
        long amount = posting.amount();
        long next = before + amount;
        // Overflow iff both operands have the same sign and the result's sign differs (as Math.addExact).
        if (((before ^ next) & (amount ^ next)) < 0) {
            throw new BalanceOverflowException(posting.account(), before, amount);
        }
        if (next < 0
                && amount < 0
                && !posting.intoDebt()
                && posting.account().type().isMember()) {
            throw InsufficientBalanceException.of(posting.account(), -amount, before);
        }
        return next;
    }
}
