package dev.coinage.policy;

/** A member's account standing as the host reports it. Only {@link #GOOD} members may send or receive gifts. */
public enum Standing {
    /** No restriction. */
    GOOD,
    /** Restricted by the host (a warning, a review in progress): may not send or receive gifts. */
    RESTRICTED,
    /** Suspended: may not send or receive gifts. */
    SUSPENDED,
    /** Banned: may not send or receive gifts. */
    BANNED
}
