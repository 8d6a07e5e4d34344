/**
 * The values every other package shares: member ids ({@link dev.coinage.core.UserId}), idempotency keys, the coin and
 * diamond units, and the root of the business exception hierarchy, {@link dev.coinage.core.CoinageException}. It
 * depends on nothing else in Coinage.
 */
package dev.coinage.core;
