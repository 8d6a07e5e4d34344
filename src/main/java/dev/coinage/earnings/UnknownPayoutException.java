package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import java.util.Objects;

/**
 * No cash-out with this id was requested; nothing was written.
 */
public final class UnknownPayoutException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String payoutId;

    /**
     * Creates the exception.
     *
     * @param payoutId the id asked for, not null
     */
    public UnknownPayoutException(String payoutId) {
        super("no cash-out " + payoutId);
        this.payoutId = Objects.requireNonNull(payoutId, "payoutId");
    }

    /**
     * Returns the id asked for.
     *
     * @return the id asked for, never null
     */
    public String payoutId() {
        return payoutId;
    }
}
