package dev.coinage.store.jdbc;

import dev.coinage.ledger.AccountId;

/** What one transaction knows and holds of one account it posts to: its name, its locked shards and balance. */
final class Account {
    final AccountId id;
    final String name;
    /** Whether every shard is locked and {@link #total} is exact (a request debits this member account). */
    boolean whole;
    /** Whether a request still to be written posts to this account. */
    boolean used;
    /** Whether an applied request posts to this account, so its shards are written. */
    boolean written;
    /** The locked shards, lowest first; postings go to the first. */
    int[] shards;
    /** The locked shards' balances, updated as postings are checked. */
    long[] shardValues;
    /** The account's balance as read under lock, updated as postings are checked. */
    long total;

    Account(AccountId id) {
        this.id = id;
        this.name = id.toString();
    }
}
