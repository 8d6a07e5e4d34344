package dev.coinage.ledger;

import java.util.Objects;

/** Thrown when a request names a ledger account that has not been opened. Nothing was changed. */
public final class UnknownAccountException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final AccountId account;

    /**
     * Creates the exception.
     *
     * @param account the unknown account, not null
     */
    public UnknownAccountException(AccountId account) {
        super("unknown account " + Objects.requireNonNull(account, "account"));
        this.account = account;
    }

    /**
     * Returns the account that does not exist.
     *
     * @return the account, never null
     */
    public AccountId account() {
        return account;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@link Rejection#UNKNOWN_ACCOUNT}
     */
    @Override
    public Rejection reason() {
        return Rejection.UNKNOWN_ACCOUNT;
    }
}
