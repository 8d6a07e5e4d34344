/**
 * Finance reports read from the ledger: outstanding coin liability at cost, revenue recognised as coins are consumed,
 * the platform's take, creators' payables, dormant balances and breakage, and per-period summaries. Every figure
 * reconciles exactly with the ledger; see {@code docs/reports.md}.
 */
package dev.coinage.reports;
