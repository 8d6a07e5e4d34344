/**
 * Domain events (a gift was sent, held earnings were released, coins were credited, a refund was applied, a wallet
 * was frozen), the listener ports that receive them after the
 * ledger has committed, and read models fed by them such as {@link dev.coinage.event.TopGifters}.
 */
package dev.coinage.event;
