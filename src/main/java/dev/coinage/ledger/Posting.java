package dev.coinage.ledger;

import java.util.Objects;

/**
 * One leg of a transaction: a signed amount added to one account's balance. A positive amount credits the account, a
 * negative one debits it. A debit may take a member account below zero only if it was made with
 * {@link #debitIntoDebt}, the refund path.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Posting {
    private final AccountId account;
    private final long amount;
    private final boolean intoDebt;

    private Posting(AccountId account, long amount, boolean intoDebt) {
        this.account = Objects.requireNonNull(account, "account");
        this.amount = amount;
        this.intoDebt = intoDebt;
    }

    /**
     * Returns a posting that adds {@code amount} to the account.
     *
     * @param account the account, not null
     * @param amount the amount, positive
     * @return the posting, never null
     * @throws IllegalArgumentException if {@code amount} is not positive
     */
    public static Posting credit(AccountId account, long amount) {
        return new Posting(account, requirePositive(amount), false);
    }

    /**
     * Returns a posting that takes {@code amount} from the account, refused if it would leave a member account
     * negative.
     *
     * @param account the account, not null
     * @param amount the amount, positive
     * @return the posting, never null
     * @throws IllegalArgumentException if {@code amount} is not positive
     */
    public static Posting debit(AccountId account, long amount) {
        return new Posting(account, -requirePositive(amount), false);
    }

    /**
     * Returns a debit that may leave a member account negative: the only way into debt, used when a refund claws back
     * coins that were already spent.
     *
     * @param account the account, not null
     * @param amount the amount, positive
     * @return the posting, never null
     * @throws IllegalArgumentException if {@code amount} is not positive
     */
    public static Posting debitIntoDebt(AccountId account, long amount) {
        return new Posting(account, -requirePositive(amount), true);
    }

    private static long requirePositive(long amount) {
        // Long.MIN_VALUE cannot be negated, so the largest debit is Long.MAX_VALUE, like the largest credit.
        if (amount <= 0) {
            throw new IllegalArgumentException("posting amount must be positive: " + amount);
        }
        return amount;
    }

    /**
     * Returns the account posted to.
     *
     * @return the account, never null
     */
    public AccountId account() {
        return account;
    }

    /**
     * Returns the signed amount: positive for a credit, negative for a debit.
     *
     * @return the amount, never zero
     */
    public long amount() {
        return amount;
    }

    /**
     * Tells whether this debit may take a member account below zero.
     *
     * @return true for a {@link #debitIntoDebt} posting
     */
    public boolean intoDebt() {
        return intoDebt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Posting)) {
            return false;
        }
        Posting p = (Posting) o;
        return p.amount == amount && p.intoDebt == intoDebt && p.account.equals(account);
    }

    @Override
    public int hashCode() {
        return (account.hashCode() * 31 + Long.hashCode(amount)) * 31 + (intoDebt ? 1 : 0);
    }

    /**
     * Returns a text form such as {@code coins:alice -100}.
     *
     * @return the text form, never null
     */
    @Override
    public String toString() {
        return account + " " + (amount > 0 ? "+" : "") + amount + (intoDebt ? " (into debt)" : "");
    }
}
