/**
 * What the economy sells and what gifts exist: sales channels, coin packages and custom amounts in versioned price
 * tables, per-currency rounding, taxes, the gift catalogue and the creator-earnings rules. Immutable data with lookups;
 * pricing a purchase is the job of {@link dev.coinage.pricing}.
 */
package dev.coinage.catalog;
