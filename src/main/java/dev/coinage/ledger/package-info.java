/**
 * The double-entry ledger: accounts, postings, transactions that balance per unit, entries and snapshots. Pure value
 * types; storing them is the job of a {@link dev.coinage.spi.LedgerStore}.
 */
package dev.coinage.ledger;
