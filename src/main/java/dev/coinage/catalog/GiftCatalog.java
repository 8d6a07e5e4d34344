package dev.coinage.catalog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every gift of the economy, by id.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class GiftCatalog {
    private final List<Gift> gifts;
    private final Map<GiftId, Gift> byId;

    private GiftCatalog(List<Gift> gifts, Map<GiftId, Gift> byId) {
        this.gifts = gifts;
        this.byId = byId;
    }

    /**
     * Obtains a catalogue.
     *
     * @param gifts the gifts with distinct ids, not null
     * @return the catalogue, never null
     * @throws IllegalArgumentException if two gifts share an id
     */
    public static GiftCatalog of(List<Gift> gifts) {
        List<Gift> copy = List.copyOf(Objects.requireNonNull(gifts, "gifts"));
        Map<GiftId, Gift> byId = new LinkedHashMap<>();
        for (Gift g : copy) {
            if (byId.put(g.id(), g) != null) {
                throw new IllegalArgumentException("duplicate gift id " + g.id());
            }
        }
        return new GiftCatalog(copy, Map.copyOf(byId));
    }

    /**
     * Returns every gift in definition order.
     *
     * @return the gifts, never null
     */
    public List<Gift> gifts() {
        return gifts;
    }

    /**
     * Finds a gift.
     *
     * @param id the gift id, not null
     * @return the gift, empty if there is none with that id
     */
    public Optional<Gift> find(GiftId id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Returns the gifts a member of a region may send in a context at an instant.
     *
     * @param instant when, not null
     * @param region the sender's region, not null
     * @param context where, not null
     * @return the gifts in definition order, never null
     */
    public List<Gift> sendable(Instant instant, Region region, GiftContext context) {
        return gifts.stream()
                .filter(g -> g.sendable(instant, region, context))
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GiftCatalog && ((GiftCatalog) o).gifts.equals(gifts);
    }

    @Override
    public int hashCode() {
        return gifts.hashCode();
    }

    @Override
    public String toString() {
        return "GiftCatalog" + byId.keySet();
    }
}
