/**
 * Domain events (a gift was sent, held earnings were released), the listener port that receives them after the
 * ledger has committed, and read models fed by them such as {@link dev.coinage.event.TopGifters}.
 */
package dev.coinage.event;
