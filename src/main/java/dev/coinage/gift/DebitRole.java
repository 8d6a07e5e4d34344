package dev.coinage.gift;

/**
 * What a guarded debit of a gift's transaction stands for, so that a debit the store refuses is told apart by what the
 * gift meant by it, not by the type of its account.
 */
enum DebitRole {
    /** The sender's wallet: a refusal means the sender has too few coins. */
    WALLET,
    /** One of the sender's coin lots: a refusal means another spending consumed the lot since it was picked. */
    LOT,
    /** The allowance of a spending limit's span: a refusal means the gift would exceed the limit. */
    ALLOWANCE,
    /** The allowance of a gift-velocity minute: a refusal means the gift would exceed the velocity limit. */
    VELOCITY
}
