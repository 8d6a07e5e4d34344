package dev.coinage.ledger;

import java.util.Objects;

/**
 * Thrown when a posting would take an account's balance beyond the range of a {@code long}. Nothing was changed; the
 * balance is never allowed to wrap.
 */
public final class BalanceOverflowException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final AccountId account;
    private final long balance;
    private final long amount;

    /**
     * Creates the exception.
     *
     * @param account the account, not null
     * @param balance its balance before the posting
     * @param amount the signed amount that did not fit
     */
    public BalanceOverflowException(AccountId account, long balance, long amount) {
        super("balance of " + Objects.requireNonNull(account, "account") + " would overflow: " + balance + " + "
                + amount);
        this.account = account;
        this.balance = balance;
        this.amount = amount;
    }

    /**
     * Returns the account whose balance would have overflowed.
     *
     * @return the account, never null
     */
    public AccountId account() {
        return account;
    }

    /**
     * Returns the balance before the refused posting.
     *
     * @return the balance
     */
    public long balance() {
        return balance;
    }

    /**
     * Returns the signed amount of the refused posting.
     *
     * @return the amount
     */
    public long amount() {
        return amount;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@link Rejection#BALANCE_OVERFLOW}
     */
    @Override
    public Rejection reason() {
        return Rejection.BALANCE_OVERFLOW;
    }
}
