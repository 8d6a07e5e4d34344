package dev.coinage.pricing;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/**
 * Thrown when a quote presented for execution differs from the quote the economy would make for the same request: it
 * was altered after it was issued, or names a table, package or rate that does not exist. {@link #field()} names the
 * first differing field.
 */
public final class QuoteMismatchException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final QuoteId quoteId;
    private final String field;
    private final String presented;
    private final String expected;

    /**
     * Creates the exception.
     *
     * @param quoteId the presented quote's id, not null
     * @param field the first field that differs, not null
     * @param presented the field's value in the presented quote, not null
     * @param expected the value the economy derives, not null
     */
    public QuoteMismatchException(QuoteId quoteId, String field, String presented, String expected) {
        super("quote " + Objects.requireNonNull(quoteId, "quoteId") + " does not match its terms: "
                + Objects.requireNonNull(field, "field") + " is " + Objects.requireNonNull(presented, "presented")
                + ", expected " + Objects.requireNonNull(expected, "expected"));
        this.quoteId = quoteId;
        this.field = field;
        this.presented = presented;
        this.expected = expected;
    }

    /**
     * Returns the presented quote's id.
     *
     * @return the id, never null
     */
    public QuoteId quoteId() {
        return quoteId;
    }

    /**
     * Returns the first field that differs.
     *
     * @return the field name, never null
     */
    public String field() {
        return field;
    }

    /**
     * Returns the field's value in the presented quote.
     *
     * @return the text form, never null
     */
    public String presented() {
        return presented;
    }

    /**
     * Returns the value the economy derives for the field.
     *
     * @return the text form, never null
     */
    public String expected() {
        return expected;
    }
}
