package dev.coinage.ledger;

import dev.coinage.core.CoinageException;

/**
 * A transaction the ledger refused, with the {@link Rejection rule} that refused it. Nothing of the transaction was
 * written.
 */
public abstract class LedgerException extends CoinageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message, with the figures, not null
     */
    protected LedgerException(String message) {
        super(message);
    }

    /**
     * The rule that refused the transaction.
     *
     * @return the reason, never null
     */
    public abstract Rejection reason();
}
