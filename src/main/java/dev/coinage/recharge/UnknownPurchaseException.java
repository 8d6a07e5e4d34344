package dev.coinage.recharge;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/**
 * Thrown when a confirmation, decline or refund names a purchase Coinage has no record of (a webhook that arrived
 * before its charge was recorded is retried later by the provider). Nothing was written.
 */
public final class UnknownPurchaseException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String purchase;

    /**
     * Creates the exception.
     *
     * @param purchase the purchase's reference, not null
     */
    public UnknownPurchaseException(String purchase) {
        super("unknown purchase " + Objects.requireNonNull(purchase, "purchase"));
        this.purchase = purchase;
    }

    /**
     * Returns the reference that names no purchase.
     *
     * @return the reference, never null
     */
    public String purchase() {
        return purchase;
    }
}
