package dev.coinage.ledger;

import java.util.Objects;

/**
 * Thrown when a debit would take an account below zero and the account may not go into debt. Carries the account,
 * the amount the debit required and the balance that was available.
 */
public class InsufficientBalanceException extends LedgerException {
    private static final long serialVersionUID = 1L;

    private final AccountId account;
    private final long required;
    private final long available;

    /**
     * Creates the exception.
     *
     * @param account the account that would have gone negative, not null
     * @param required the amount the debit needed, positive
     * @param available the balance the account had
     */
    public InsufficientBalanceException(AccountId account, long required, long available) {
        super(message(account, required, available));
        this.account = account;
        this.required = required;
        this.available = available;
    }

    private static String message(AccountId account, long required, long available) {
        Objects.requireNonNull(account, "account");
        return "insufficient " + account.unit().plural() + " in " + account + ": required " + required + ", available "
                + available;
    }

    /**
     * Creates the exception of the right type for the account's unit.
     *
     * @param account the account that would have gone negative, not null
     * @param required the amount the debit needed
     * @param available the balance the account had
     * @return an {@link InsufficientCoinsException} or {@link InsufficientDiamondsException}, never null
     */
    public static InsufficientBalanceException of(AccountId account, long required, long available) {
        switch (account.unit()) {
            case COIN:
                return new InsufficientCoinsException(account, required, available);
            case DIAMOND:
                return new InsufficientDiamondsException(account, required, available);
            default:
                return new InsufficientBalanceException(account, required, available);
        }
    }

    /**
     * Returns the account that would have gone negative.
     *
     * @return the account, never null
     */
    public AccountId account() {
        return account;
    }

    /**
     * Returns the amount the debit needed.
     *
     * @return the required amount, in the account's unit
     */
    public long required() {
        return required;
    }

    /**
     * Returns the balance the account had when the debit was refused.
     *
     * @return the available amount, in the account's unit
     */
    public long available() {
        return available;
    }

    /**
     * Returns how much was missing: {@code required - available}.
     *
     * @return the shortfall, positive
     */
    public long shortfall() {
        return required - available;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@link Rejection#INSUFFICIENT_BALANCE}
     */
    @Override
    public final Rejection reason() {
        return Rejection.INSUFFICIENT_BALANCE;
    }
}
