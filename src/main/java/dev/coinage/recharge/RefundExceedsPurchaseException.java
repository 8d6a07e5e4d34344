package dev.coinage.recharge;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/** Thrown when a refund asks for more coins than its purchase has left to refund. Nothing was written. */
public final class RefundExceedsPurchaseException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String purchase;
    private final long requested;
    private final long refundable;

    /**
     * Creates the exception.
     *
     * @param purchase the purchase's reference, not null
     * @param requested the coins the refund asked for
     * @param refundable the coins of the purchase not refunded yet
     */
    public RefundExceedsPurchaseException(String purchase, long requested, long refundable) {
        super("refund of " + requested + " coins of " + Objects.requireNonNull(purchase, "purchase") + " exceeds the "
                + refundable + " refundable");
        this.purchase = purchase;
        this.requested = requested;
        this.refundable = refundable;
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
     * Returns the coins the refund asked for.
     *
     * @return the coins
     */
    public long requested() {
        return requested;
    }

    /**
     * Returns the coins of the purchase not refunded yet.
     *
     * @return the coins
     */
    public long refundable() {
        return refundable;
    }
}
