/**
 * A creator's earnings after the gift: diamond parts held for the hold window, their release into whole diamonds, and
 * the earnings events.
 */
package dev.coinage.earnings;
