package dev.coinage.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every version of the price list, ordered by effective-from instant. {@link #asOf(Instant)} answers "which table was
 * in force then", so that yesterday's quote is explained by yesterday's table.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PriceTableHistory {
    private final List<PriceTable> tables;
    private final Instant[] versions;

    private PriceTableHistory(List<PriceTable> tables) {
        this.tables = tables;
        this.versions = tables.stream().map(PriceTable::effectiveFrom).toArray(Instant[]::new);
    }

    /**
     * Obtains a history.
     *
     * @param tables the table versions in any order, with distinct effective-from instants; not null, not empty
     * @return the history, never null
     * @throws IllegalArgumentException if there are no tables or two take effect at the same instant
     */
    public static PriceTableHistory of(Collection<PriceTable> tables) {
        List<PriceTable> sorted = new ArrayList<>(Objects.requireNonNull(tables, "tables"));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("at least one price table is required");
        }
        sorted.forEach(t -> Objects.requireNonNull(t, "table"));
        sorted.sort(Comparator.comparing(PriceTable::effectiveFrom));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException(
                        "two price tables take effect at " + sorted.get(i).effectiveFrom());
            }
        }
        return new PriceTableHistory(List.copyOf(sorted));
    }

    /**
     * Returns the table in force at an instant: the one with the latest effective-from at or before it.
     *
     * @param instant the instant, not null
     * @return the table, empty if every table takes effect later
     */
    public Optional<PriceTable> asOf(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        int i = Arrays.binarySearch(versions, instant);
        int index = i >= 0 ? i : -i - 2;
        return index < 0 ? Optional.empty() : Optional.of(tables.get(index));
    }

    /**
     * Returns the table with exactly this version.
     *
     * @param effectiveFrom the table's effective-from instant, not null
     * @return the table, empty if no table has that version
     */
    public Optional<PriceTable> version(Instant effectiveFrom) {
        int i = Arrays.binarySearch(versions, Objects.requireNonNull(effectiveFrom, "effectiveFrom"));
        return i >= 0 ? Optional.of(tables.get(i)) : Optional.empty();
    }

    /**
     * Returns every table, oldest first.
     *
     * @return the tables, never null
     */
    public List<PriceTable> tables() {
        return tables;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceTableHistory && ((PriceTableHistory) o).tables.equals(tables);
    }

    @Override
    public int hashCode() {
        return tables.hashCode();
    }

    @Override
    public String toString() {
        return "PriceTableHistory" + Arrays.toString(versions);
    }
}
