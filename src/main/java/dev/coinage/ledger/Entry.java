package dev.coinage.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an account's history: a posting as it was applied. Entries are written once and never changed; an
 * account's balance is the sum of its entries' amounts.
 *
 * <p>Entries carry no running balance: a store may append credits to a busy account without serialising them on one
 * balance (the hot-row problem of a popular creator), so the order of concurrent credits has no single "balance after".
 * A statement's running balance is the fold of the entries, oldest first. The balances that a transaction's checks
 * relied on are in {@link AppliedTransaction#balanceAfter}.
 *
 * @param transactionId the store's id of the transaction that wrote the entry
 * @param sequence the entry's position in its account's history: positive and increasing in the order the entries
 *     were applied, not necessarily without gaps
 * @param account the account, not null
 * @param amount the signed amount, never zero
 * @param kind the transaction's kind, not null
 * @param committedAt when the transaction was applied, not null
 */
public record Entry(
        long transactionId, long sequence, AccountId account, long amount, String kind, Instant committedAt) {
    /**
     * Validates the entry.
     *
     * @param transactionId the store's id of the transaction that wrote the entry
     * @param sequence the entry's position in its account's history, positive
     * @param account the account, not null
     * @param amount the signed amount, never zero
     * @param kind the transaction's kind, not null
     * @param committedAt when the transaction was applied, not null
     * @throws NullPointerException if an object field is null
     * @throws IllegalArgumentException if the sequence is below 1 or the amount is zero
     */
    public Entry {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(committedAt, "committedAt");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1: " + sequence);
        }
        if (amount == 0) {
            throw new IllegalArgumentException("entry amount must not be zero");
        }
    }
}
