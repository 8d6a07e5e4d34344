package dev.coinage.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PriceTableHistoryProperties {
    private static PriceTable table(long epochSecond) {
        CoinPackage p = new CoinPackage(PackageId.of("p" + epochSecond), 1 + epochSecond, 0, Map.of());
        return PriceTable.of(
                Instant.ofEpochSecond(epochSecond),
                Map.of(ChannelId.WEB, ChannelOffer.of(List.of(p), Optional.empty())));
    }

    @Test
    void asOfPicksTheLatestTableInForce() {
        qt().forAll(lists().of(longs().between(0, 1_000)).ofSizeBetween(1, 20), longs().between(-10, 1_010))
                .checkAssert((seconds, query) -> {
                    TreeSet<Long> distinct = new TreeSet<>(seconds);
                    List<PriceTable> tables = new ArrayList<>();
                    distinct.descendingSet().forEach(s -> tables.add(table(s))); // any order in
                    PriceTableHistory history = PriceTableHistory.of(tables);

                    Long expected = distinct.floor(query);
                    Optional<PriceTable> found = history.asOf(Instant.ofEpochSecond(query));
                    if (expected == null) {
                        assertThat(found).isEmpty();
                    } else {
                        assertThat(found).contains(table(expected));
                        assertThat(history.version(Instant.ofEpochSecond(expected)))
                                .contains(table(expected));
                    }
                    assertThat(history.tables())
                            .extracting(PriceTable::effectiveFrom)
                            .isSorted();
                });
    }

    @Test
    void twoTablesWithTheSameVersionAreRefused() {
        assertThatThrownBy(() -> PriceTableHistory.of(List.of(table(5), table(5))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PriceTableHistory.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVersionThatWasNeverPublishedIsNotFound() {
        PriceTableHistory history = PriceTableHistory.of(List.of(table(10), table(20)));

        assertThat(history.version(Instant.ofEpochSecond(15))).isEmpty();
        assertThat(history.asOf(Instant.ofEpochSecond(15))).contains(table(10));
        assertThat(history.asOf(Instant.ofEpochSecond(20))).contains(table(20));
        assertThat(history.asOf(Instant.ofEpochSecond(9))).isEmpty();
    }
}
