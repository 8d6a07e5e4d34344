package dev.coinage.spi;

import dev.coinage.core.UserId;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.PayoutProfile;
import java.util.Optional;

/**
 * The host's directory of members: Coinage asks it for a member's age, region and standing before it lets a gift be
 * sent or received.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>{@link #find} returns the member's current profile, or empty if the host does not know the user; it never
 *       returns null.
 *   <li>Implementations are thread-safe: Coinage calls them from every thread that sends gifts.
 *   <li>It is called on the request path, before anything is written: it should answer from memory or a cache. If it
 *       throws, the gift fails with that exception and nothing is written.
 * </ul>
 */
@FunctionalInterface
public interface Members {
    /**
     * Finds a member's profile.
     *
     * @param user the member, not null
     * @return the profile, empty if the host does not know the member
     */
    Optional<MemberProfile> find(UserId user);

    /**
     * Tells whether the host knows a member.
     *
     * @param user the member, not null
     * @return true if {@link #find} returns a profile
     */
    default boolean knows(UserId user) {
        return find(user).isPresent();
    }

    /**
     * Finds what cash-out needs to know about a creator: identity verification, payout method and currency. The
     * default knows nothing, so a host that does not implement it lets no one cash out.
     *
     * @param creator the creator, not null
     * @return the payout profile, empty if the host has none for the creator
     */
    default Optional<PayoutProfile> payoutProfile(UserId creator) {
        return Optional.empty();
    }
}
