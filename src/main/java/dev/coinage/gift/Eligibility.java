package dev.coinage.gift;

import dev.coinage.catalog.Gift;
import dev.coinage.core.UserId;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.recharge.WalletFrozenException;
import dev.coinage.spi.Members;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a gift may be sent at all, before any figure is checked: the gift exists and may be sent in its context and
 * at the instant; the sender and the creator are two members, known to the host's {@link Members} port, in good
 * standing, the sender old enough for their region and in a region the gift is offered in, the creator able to
 * receive gifts; and the sender's wallet is not frozen.
 *
 * <p>This class is thread-safe.
 */
final class Eligibility {
    private final EconomyDefinition definition;
    private final Members members;

    Eligibility(EconomyDefinition definition, Members members) {
        this.definition = definition;
        this.members = members;
    }

    /**
     * The gift of a request, if it may be sent in the request's context and at the instant.
     *
     * @throws UnknownGiftException if the gift is not in the catalogue
     * @throws GiftNotAllowedException if the gift may not be sent in this context or at this time
     */
    Gift offered(GiftRequest r, Instant at) {
        Optional<Gift> found = definition.gifts().find(r.gift());
        if (found.isEmpty()) {
            throw new UnknownGiftException(r.gift());
        }
        Gift gift = found.get();
        if (!gift.allowedIn(r.context())) {
            throw GiftNotAllowedException.notOfferedIn(r.gift(), r.context(), at);
        }
        if (!gift.availability().contains(at)) {
            throw GiftNotAllowedException.outsideWindow(r.gift(), r.context(), at);
        }
        return gift;
    }

    /**
     * Checks the sender and the creator of a gift, in that order, then the sender's wallet ({@code frozen}: whether
     * the read of the sender's accounts found it frozen); returns the creator's tier.
     *
     * @throws NotEligibleException if they are the same member or either is not eligible
     * @throws WalletFrozenException if a refund froze the sender's wallet
     */
    Optional<String> checkParties(GiftRequest r, Gift gift, Instant at, boolean frozen) {
        if (r.sender().equals(r.creator())) {
            throw NotEligibleException.selfGift(r.sender());
        }
        checkSender(r.sender(), gift, at);
        Optional<String> tier = checkCreator(r.creator());
        // A refund of coins already spent may have frozen the wallet (docs/recharge.md), as the read of the sender's
        // accounts found; a freeze racing this gift may let it through.
        if (frozen) {
            throw new WalletFrozenException(r.sender());
        }
        return tier;
    }

    private void checkSender(UserId sender, Gift gift, Instant at) {
        NotEligibleException.Party party = NotEligibleException.Party.SENDER;
        MemberProfile p = profile(party, sender);
        int minimum = definition.ages().minimumAge(p.region());
        int age = p.ageAt(at);
        if (age < minimum) {
            throw NotEligibleException.tooYoung(party, sender, p.region(), age, minimum);
        }
        if (p.standing() != Standing.GOOD) {
            throw NotEligibleException.notInGoodStanding(party, sender, p.region(), p.standing());
        }
        if (!gift.availableIn(p.region())) {
            throw NotEligibleException.notOfferedInRegion(sender, p.region(), gift.id());
        }
    }

    private Optional<String> checkCreator(UserId creator) {
        NotEligibleException.Party party = NotEligibleException.Party.CREATOR;
        MemberProfile p = profile(party, creator);
        if (p.standing() != Standing.GOOD) {
            throw NotEligibleException.notInGoodStanding(party, creator, p.region(), p.standing());
        }
        if (!p.mayReceiveGifts()) {
            throw NotEligibleException.cannotReceive(creator, p.region());
        }
        return p.tier();
    }

    private MemberProfile profile(NotEligibleException.Party party, UserId user) {
        Optional<MemberProfile> found = members.find(user);
        if (found == null) {
            throw new IllegalStateException("the members port returned null for " + user);
        }
        if (found.isEmpty()) {
            throw NotEligibleException.unknownMember(party, user);
        }
        return found.get();
    }
}
