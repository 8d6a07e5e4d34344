/**
 * JSON adapter: {@link dev.coinage.json.EconomyJson} loads an economy definition into immutable domain objects, and
 * {@link dev.coinage.json.CoinageModule} (de)serializes the public value types and quotes with Jackson. The only
 * package of Coinage that uses Jackson.
 */
package dev.coinage.json;
