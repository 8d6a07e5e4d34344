package dev.coinage.gift;

import dev.coinage.catalog.GiftId;
import dev.coinage.core.CoinageException;
import java.util.Objects;

/** Thrown when a gift id names no gift of the catalogue. Nothing was written. */
public final class UnknownGiftException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final GiftId gift;

    /**
     * Creates the exception.
     *
     * @param gift the unknown id, not null
     */
    public UnknownGiftException(GiftId gift) {
        super("unknown gift " + Objects.requireNonNull(gift, "gift"));
        this.gift = gift;
    }

    /**
     * Returns the id that names no gift.
     *
     * @return the id, never null
     */
    public GiftId gift() {
        return gift;
    }
}
