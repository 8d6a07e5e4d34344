package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.core.CoinageException;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Thrown when an app-store receipt does not match the catalogue: its channel or product was not on sale when it was
 * bought, or its price is not the product's price. Nothing was written.
 */
public final class ReceiptRejectedException extends CoinageException {
    private static final long serialVersionUID = 1L;

    /** Why a receipt was rejected. */
    public enum Reason {
        /** No price table was in force at the purchase time, or the channel sold no coins under it. */
        UNKNOWN_CHANNEL,
        /** The channel did not sell the product (package id) at the purchase time. */
        UNKNOWN_PRODUCT,
        /** The economy does not sell in the receipt's currency, or the price in it could not be derived. */
        UNSUPPORTED_CURRENCY,
        /** The receipt's price is not the product's price in its currency at the purchase time. */
        PRICE_MISMATCH
    }

    private final Reason reason;
    private final ChannelId channel;
    private final PackageId product;
    private final transient MonetaryAmount price;
    private final transient MonetaryAmount expected;

    private ReceiptRejectedException(
            Reason reason,
            ChannelId channel,
            PackageId product,
            MonetaryAmount price,
            MonetaryAmount expected,
            String detail) {
        super("receipt for product '" + product + "' on channel '" + channel + "' at " + price + " rejected (" + reason
                + "): " + detail);
        this.reason = reason;
        this.channel = channel;
        this.product = product;
        this.price = price;
        this.expected = expected;
    }

    /**
     * The receipt's channel sold no coins at the purchase time.
     *
     * @param receipt the receipt, not null
     * @param detail why, not null
     * @return the exception, never null
     */
    public static ReceiptRejectedException unknownChannel(AppStoreReceipt receipt, String detail) {
        return of(Reason.UNKNOWN_CHANNEL, receipt, null, detail);
    }

    /**
     * The receipt's channel did not sell its product at the purchase time.
     *
     * @param receipt the receipt, not null
     * @param detail why, not null
     * @return the exception, never null
     */
    public static ReceiptRejectedException unknownProduct(AppStoreReceipt receipt, String detail) {
        return of(Reason.UNKNOWN_PRODUCT, receipt, null, detail);
    }

    /**
     * The receipt's currency is not sold, or its price could not be derived.
     *
     * @param receipt the receipt, not null
     * @param detail why, not null
     * @return the exception, never null
     */
    public static ReceiptRejectedException unsupportedCurrency(AppStoreReceipt receipt, String detail) {
        return of(Reason.UNSUPPORTED_CURRENCY, receipt, null, detail);
    }

    /**
     * The receipt's price is not the product's price.
     *
     * @param receipt the receipt, not null
     * @param expected the product's price in the receipt's currency at the purchase time, not null
     * @return the exception, never null
     */
    public static ReceiptRejectedException priceMismatch(AppStoreReceipt receipt, MonetaryAmount expected) {
        Objects.requireNonNull(expected, "expected");
        return of(Reason.PRICE_MISMATCH, receipt, expected, "the product's price is " + expected);
    }

    private static ReceiptRejectedException of(
            Reason reason, AppStoreReceipt receipt, MonetaryAmount expected, String detail) {
        Objects.requireNonNull(receipt, "receipt");
        return new ReceiptRejectedException(
                reason,
                receipt.channel(),
                receipt.product(),
                receipt.price(),
                expected,
                Objects.requireNonNull(detail, "detail"));
    }

    /**
     * Returns why the receipt was rejected.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the receipt's channel.
     *
     * @return the channel, never null
     */
    public ChannelId channel() {
        return channel;
    }

    /**
     * Returns the receipt's product.
     *
     * @return the package id, never null
     */
    public PackageId product() {
        return product;
    }

    /**
     * Returns the price the receipt stated.
     *
     * @return the price, never null
     */
    public MonetaryAmount price() {
        return price;
    }

    /**
     * Returns the product's price in the receipt's currency, for a price mismatch.
     *
     * @return the catalogue's price, empty for the other reasons (or after deserialization)
     */
    public Optional<MonetaryAmount> expected() {
        return Optional.ofNullable(expected);
    }
}
