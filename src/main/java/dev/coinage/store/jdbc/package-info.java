/**
 * The PostgreSQL ledger store: {@link dev.coinage.store.jdbc.PostgresLedgerStore} over a host-supplied
 * {@link javax.sql.DataSource}, and {@link dev.coinage.store.jdbc.PostgresSchema} to create its tables. The only
 * package of Coinage that uses JDBC. See {@code docs/postgres.md} for the schema and the concurrency design.
 */
package dev.coinage.store.jdbc;
