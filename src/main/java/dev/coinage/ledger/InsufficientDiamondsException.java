package dev.coinage.ledger;

/**
 * Thrown when an account holds fewer diamonds than a debit requires. {@link #required()} and {@link #available()} give the
 * figures to show the user.
 */
public final class InsufficientDiamondsException extends InsufficientBalanceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param account the account short of diamonds, not null
     * @param required the diamonds the debit needed
     * @param available the diamonds the account had
     */
    public InsufficientDiamondsException(AccountId account, long required, long available) {
        super(account, required, available);
    }
}
