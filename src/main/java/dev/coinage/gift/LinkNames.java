package dev.coinage.gift;

import dev.coinage.core.UserId;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The link accounts from a coin lot to a creator's hold period (docs/recharge.md), named once: a sender taps many gifts
 * from one lot, and naming a link hashes the lot. Forgotten all at once when large; a miss only names them again.
 *
 * <p>This class is thread-safe.
 */
final class LinkNames {
    private final Map<Key, Link> names = new ConcurrentHashMap<>();

    Link link(AccountId lot, UserId creator, String hour) {
        Key key = new Key(lot, creator, hour);
        Link link = names.get(key);
        if (link == null) {
            String hash = Lots.hashOf(lot);
            link = new Link(Lots.gifted(creator, hash, hour), Lots.held(creator, hash, hour));
            if (names.size() > KnownSet.MAX) {
                names.clear();
            }
            names.put(key, link);
        }
        return link;
    }

    /**
     * The link accounts from a lot to a creator's hold period.
     *
     * @param gifted where the coins the gift took from the lot are linked
     * @param held where the held parts are linked, in platform-residue mode
     */
    record Link(AccountId gifted, AccountId held) {}

    /** A lot, a creator and a hold period: what names a lot's links. */
    private record Key(AccountId lot, UserId creator, String hour) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && lot.equals(k.lot) && creator.equals(k.creator) && hour.equals(k.hour);
        }

        @Override
        public int hashCode() {
            return (lot.hashCode() * 31 + creator.hashCode()) * 31 + hour.hashCode();
        }
    }
}
