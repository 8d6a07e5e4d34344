package dev.coinage.recharge;

import dev.coinage.core.CoinageException;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * Thrown when a payment confirmation names another amount or currency than the purchase it confirms. Nothing was
 * written.
 */
public final class PaymentMismatchException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String purchase;
    private final transient MonetaryAmount expected;
    private final transient MonetaryAmount actual;

    /**
     * Creates the exception.
     *
     * @param purchase the purchase's reference, not null
     * @param expected the amount the purchase was charged for, not null
     * @param actual the amount the confirmation names, not null
     */
    public PaymentMismatchException(String purchase, MonetaryAmount expected, MonetaryAmount actual) {
        super("confirmation of " + Objects.requireNonNull(purchase, "purchase") + " names "
                + Objects.requireNonNull(actual, "actual") + " but the purchase is "
                + Objects.requireNonNull(expected, "expected"));
        this.purchase = purchase;
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Returns the purchase's reference.
     *
     * @return the reference, never null
     */
    public String purchase() {
        return purchase;
    }

    /**
     * Returns the amount the purchase was charged for.
     *
     * @return the amount, never null (null only after deserialisation)
     */
    public MonetaryAmount expected() {
        return expected;
    }

    /**
     * Returns the amount the confirmation named.
     *
     * @return the amount, never null (null only after deserialisation)
     */
    public MonetaryAmount actual() {
        return actual;
    }
}
