/**
 * The in-memory ledger store, Coinage's default: for tests, demos and single-JVM hosts. Nothing survives a restart.
 */
package dev.coinage.store.memory;
