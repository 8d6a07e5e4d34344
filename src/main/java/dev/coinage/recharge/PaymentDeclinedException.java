package dev.coinage.recharge;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/** Thrown when a confirmation arrives for a pending payment that was already declined. Nothing was written. */
public final class PaymentDeclinedException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String purchase;

    /**
     * Creates the exception.
     *
     * @param purchase the purchase's reference, not null
     */
    public PaymentDeclinedException(String purchase) {
        super("payment " + Objects.requireNonNull(purchase, "purchase") + " was declined");
        this.purchase = purchase;
    }

    /**
     * Returns the declined purchase's reference.
     *
     * @return the reference, never null
     */
    public String purchase() {
        return purchase;
    }
}
