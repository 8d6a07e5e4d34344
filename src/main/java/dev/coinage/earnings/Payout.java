package dev.coinage.earnings;

import java.util.Objects;

/**
 * A cash-out as the ledger records it: its id, the quote it was requested with and where it is now.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the payout's id, also its idempotency key at the payout provider, not null
 * @param quote the quote it was requested with, not null
 * @param status where it is now, not null
 * @param replay true if the call that returned it changed nothing (a retry, a duplicate callback)
 */
public record Payout(String id, CashOutQuote quote, PayoutStatus status, boolean replay) {
    /**
     * Validates the payout.
     *
     * @param id the id, not null
     * @param quote the quote, not null
     * @param status the status, not null
     * @param replay whether nothing changed
     * @throws NullPointerException if an object field is null
     */
    public Payout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(status, "status");
    }
}
