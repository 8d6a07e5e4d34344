/**
 * Buying coins: purchases through the host's payment gateway, app-store receipts, confirmations and declines from
 * webhooks, coin lots, refunds and chargebacks with their debt policy, and the recharge events.
 */
package dev.coinage.recharge;
