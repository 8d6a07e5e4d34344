/**
 * Coinage's metrics in a Micrometer registry: {@link dev.coinage.metrics.micrometer.MicrometerMetrics}. Micrometer is an
 * optional dependency: a host that uses this package has it on its class path already.
 */
package dev.coinage.metrics.micrometer;
