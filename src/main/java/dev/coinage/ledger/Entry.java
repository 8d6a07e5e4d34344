package dev.coinage.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an account's history: a posting as it was applied. Entries are written once and never changed; an
 * account's balance is the sum of its entries' amounts.
 *
 * @param transactionId the store's id of the transaction that wrote the entry
 * @param sequence the entry's position in its account's history, starting at 1 and without gaps
 * @param account the account, not null
 * @param amount the signed amount, never zero
 * @param balanceAfter the account's balance after this entry
 * @param kind the transaction's kind, not null
 * @param committedAt when the transaction was applied, not null
 */
public record Entry(
        long transactionId,
        long sequence,
        AccountId account,
        long amount,
        long balanceAfter,
        String kind,
        Instant committedAt) {
    /**
     * Validates the entry.
     *
     * @param transactionId the store's id of the transaction that wrote the entry
     * @param sequence the entry's position in its account's history, from 1
     * @param account the account, not null
     * @param amount the signed amount, never zero
     * @param balanceAfter the account's balance after this entry
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
