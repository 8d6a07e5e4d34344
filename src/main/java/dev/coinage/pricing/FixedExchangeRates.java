package dev.coinage.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;

/** A fixed rate table, indexed by base code, term code and instant. Immutable and thread-safe. */
final class FixedExchangeRates implements ExchangeRates {
    private final Map<String, Map<String, FxRate[]>> rates;

    private FixedExchangeRates(Map<String, Map<String, FxRate[]>> rates) {
        this.rates = rates;
    }

    static FixedExchangeRates of(Collection<FxRate> rates) {
        Objects.requireNonNull(rates, "rates");
        Map<String, Map<String, List<FxRate>>> grouped = new HashMap<>();
        for (FxRate r : rates) {
            Objects.requireNonNull(r, "rate");
            grouped.computeIfAbsent(r.base().getCurrencyCode(), k -> new HashMap<>())
                    .computeIfAbsent(r.term().getCurrencyCode(), k -> new ArrayList<>())
                    .add(r);
        }
        Map<String, Map<String, FxRate[]>> index = new HashMap<>();
        grouped.forEach((base, terms) -> {
            Map<String, FxRate[]> byTerm = new HashMap<>();
            terms.forEach((term, list) -> {
                FxRate[] sorted = list.toArray(new FxRate[0]);
                Arrays.sort(sorted, Comparator.comparing(FxRate::asOf));
                for (int i = 1; i < sorted.length; i++) {
                    if (sorted[i].asOf().equals(sorted[i - 1].asOf())) {
                        throw new IllegalArgumentException(
                                "two rates " + base + "/" + term + " as of " + sorted[i].asOf());
                    }
                }
                byTerm.put(term, sorted);
            });
            index.put(base, Map.copyOf(byTerm));
        });
        return new FixedExchangeRates(Map.copyOf(index));
    }

    @Override
    public Optional<FxRate> rate(CurrencyUnit base, CurrencyUnit term, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Map<String, FxRate[]> byTerm = rates.get(base.getCurrencyCode());
        FxRate[] series = byTerm == null ? null : byTerm.get(term.getCurrencyCode());
        if (series == null) {
            return Optional.empty();
        }
        FxRate found = null;
        for (FxRate r : series) {
            if (r.asOf().isAfter(asOf)) {
                break;
            }
            found = r;
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "FixedExchangeRates" + rates.keySet();
    }
}
