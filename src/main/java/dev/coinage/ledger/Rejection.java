package dev.coinage.ledger;

/**
 * The rule of the ledger that refused a transaction: a closed set, one value per rule, so that a caller decides what
 * to do by the reason and never by the message or the exception's class.
 */
public enum Rejection {
    /** A debit would take a member account below zero ({@link InsufficientBalanceException}). */
    INSUFFICIENT_BALANCE,
    /** A posting would take a balance out of the {@code long} range ({@link BalanceOverflowException}). */
    BALANCE_OVERFLOW,
    /** A posting names an account that was never opened ({@link UnknownAccountException}). */
    UNKNOWN_ACCOUNT,
    /** The idempotency key was used before for a different request ({@link IdempotencyConflictException}). */
    KEY_REUSED
}
