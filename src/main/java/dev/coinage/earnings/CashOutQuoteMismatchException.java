package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/**
 * A cash-out quote's figures differ from a fresh derivation at its time: it was altered or made for other rules; nothing was written.
 */
public final class CashOutQuoteMismatchException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final transient CashOutQuote presented;
    private final transient CashOutQuote derived;

    /**
     * Creates the exception.
     *
     * @param presented the quote presented, not null
     * @param derived the quote derived again, not null
     */
    public CashOutQuoteMismatchException(CashOutQuote presented, CashOutQuote derived) {
        super("cash-out quote does not match its derivation: " + presented + " vs " + derived);
        this.presented = Objects.requireNonNull(presented, "presented");
        this.derived = Objects.requireNonNull(derived, "derived");
    }

    /**
     * Returns the quote presented.
     *
     * @return the quote presented, never null
     */
    public CashOutQuote presented() {
        return presented;
    }

    /**
     * Returns the quote derived again.
     *
     * @return the quote derived again, never null
     */
    public CashOutQuote derived() {
        return derived;
    }
}
