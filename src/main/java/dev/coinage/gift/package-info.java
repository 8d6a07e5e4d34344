/**
 * Sending gifts: the request and receipt, the checks made before anything is written (catalogue, context, both
 * members' eligibility, spending caps), the gift's ledger transaction, and the gift events.
 */
package dev.coinage.gift;
