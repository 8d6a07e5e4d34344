/**
 * What a viewer pays for coins: exchange rates, price derivation and rounding, taxes, and {@link
 * dev.coinage.pricing.RechargeQuote recharge quotes} made from an {@link dev.coinage.pricing.EconomyDefinition} by a
 * {@link dev.coinage.pricing.RechargeQuoter}.
 */
package dev.coinage.pricing;
