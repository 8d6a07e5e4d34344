/**
 * Rules about who may do what: member profiles as the host reports them (age, region, standing), and the spending
 * periods that limits count over.
 */
package dev.coinage.policy;
