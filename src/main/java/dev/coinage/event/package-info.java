/**
 * One listener for everything an economy commits ({@link dev.coinage.event.CoinageListener}), and read models fed by
 * events, such as {@link dev.coinage.event.TopGifters}. Each feature's events live in the feature's own package.
 */
package dev.coinage.event;
