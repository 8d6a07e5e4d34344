package dev.coinage.ledger;

/**
 * Thrown when an account holds fewer coins than a debit requires. {@link #required()} and {@link #available()} give the
 * figures to show the user.
 */
public final class InsufficientCoinsException extends InsufficientBalanceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param account the account short of coins, not null
     * @param required the coins the debit needed
     * @param available the coins the account had
     */
    public InsufficientCoinsException(AccountId account, long required, long available) {
        super(account, required, available);
    }
}
