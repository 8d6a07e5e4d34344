/**
 * Implementation helpers shared by the use cases. Not part of the API: its types may change in any release.
 */
package dev.coinage.engine;
