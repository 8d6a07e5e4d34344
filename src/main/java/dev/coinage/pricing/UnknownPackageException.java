package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.core.CoinageException;
import java.util.Objects;

/** Thrown when a coin package is not offered on a channel by the price table in force. */
public final class UnknownPackageException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final ChannelId channel;
    private final PackageId packageId;

    /**
     * Creates the exception.
     *
     * @param channel the channel asked, not null
     * @param packageId the package asked for, not null
     */
    public UnknownPackageException(ChannelId channel, PackageId packageId) {
        super("package '" + Objects.requireNonNull(packageId, "packageId") + "' is not offered on channel '"
                + Objects.requireNonNull(channel, "channel") + "'");
        this.channel = channel;
        this.packageId = packageId;
    }

    /**
     * Returns the channel asked.
     *
     * @return the channel, never null
     */
    public ChannelId channel() {
        return channel;
    }

    /**
     * Returns the package asked for.
     *
     * @return the package id, never null
     */
    public PackageId packageId() {
        return packageId;
    }
}
