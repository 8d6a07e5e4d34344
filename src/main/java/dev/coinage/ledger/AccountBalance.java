package dev.coinage.ledger;

import java.util.Objects;

/**
 * An account and its balance as read at one moment.
 *
 * @param account the account, not null
 * @param balance its balance
 */
public record AccountBalance(AccountId account, long balance) {
    /**
     * Validates the pair.
     *
     * @param account the account, not null
     * @param balance its balance
     * @throws NullPointerException if {@code account} is null
     */
    public AccountBalance {
        Objects.requireNonNull(account, "account");
    }
}
