/**
 * Ports: the interfaces through which Coinage reaches storage and the host's systems. Coinage ships adapters for some
 * (an in-memory store, a PostgreSQL store); hosts implement the others.
 */
package dev.coinage.spi;
