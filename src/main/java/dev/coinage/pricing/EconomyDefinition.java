package dev.coinage.pricing;

import dev.coinage.catalog.AgePolicy;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ChannelOffer;
import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.CustomAmountOffer;
import dev.coinage.catalog.EarningsPolicy;
import dev.coinage.catalog.GiftCatalog;
import dev.coinage.catalog.PriceRounding;
import dev.coinage.catalog.PriceTable;
import dev.coinage.catalog.PriceTableHistory;
import dev.coinage.catalog.SalesChannel;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.catalog.TaxRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.money.CurrencyUnit;

/**
 * A whole economy as loaded from its definition: the currencies sold in and how each rounds, the sales channels, the
 * versioned price tables, taxes, the host's fixed exchange rates, the gift catalogue, the creator-earnings rules, the
 * minimum ages, the spending limits and the cash-out rules. Currency units are looked up once, when the definition is built, and reused
 * by every quote.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param baseCurrency the currency every package is priced in and other prices are derived from, not null
 * @param currencies the currencies sold in, by ISO 4217 code, with their rounding; includes the base; copied
 * @param channels the sales channels by id; copied, not null
 * @param priceTables the versioned price tables, not null
 * @param taxes the tax rules, not null
 * @param exchangeRates the fixed rates shipped with the definition, possibly empty; copied, not null
 * @param gifts the gift catalogue, not null
 * @param earnings the creator-earnings rules, not null
 * @param ages the minimum ages, not null
 * @param spendingLimits the platform's spending limits; copied, not null
 * @param cashOut the cash-out rules, in the currency of the earnings' diamond value, not null
 */
public record EconomyDefinition(
        CurrencyUnit baseCurrency,
        Map<String, PriceRounding> currencies,
        Map<ChannelId, SalesChannel> channels,
        PriceTableHistory priceTables,
        TaxRules taxes,
        List<FxRate> exchangeRates,
        GiftCatalog gifts,
        EarningsPolicy earnings,
        AgePolicy ages,
        List<SpendingLimit> spendingLimits,
        CashOutPolicy cashOut) {
    /**
     * Creates a definition and checks that its parts fit together.
     *
     * @param baseCurrency the base currency, not null
     * @param currencies the currencies sold in, by code, not null
     * @param channels the sales channels, not null
     * @param priceTables the price tables, not null
     * @param taxes the tax rules, not null
     * @param exchangeRates the fixed rates, not null
     * @param gifts the gift catalogue, not null
     * @param earnings the earnings rules, not null
     * @param ages the minimum ages, not null
     * @param spendingLimits the spending limits, not null
     * @param cashOut the cash-out rules, not null
     * @throws IllegalArgumentException if a table sells on an undeclared channel, a price is in an undeclared currency,
     *     a package or custom offer has no base-currency price, or a map key disagrees with its value
     */
    public EconomyDefinition {
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        currencies = Map.copyOf(Objects.requireNonNull(currencies, "currencies"));
        channels = Map.copyOf(Objects.requireNonNull(channels, "channels"));
        Objects.requireNonNull(priceTables, "priceTables");
        Objects.requireNonNull(taxes, "taxes");
        exchangeRates = List.copyOf(Objects.requireNonNull(exchangeRates, "exchangeRates"));
        Objects.requireNonNull(gifts, "gifts");
        Objects.requireNonNull(earnings, "earnings");
        Objects.requireNonNull(ages, "ages");
        spendingLimits = List.copyOf(Objects.requireNonNull(spendingLimits, "spendingLimits"));
        Objects.requireNonNull(cashOut, "cashOut");
        String base = baseCurrency.getCurrencyCode();
        if (!currencies.containsKey(base)) {
            throw new IllegalArgumentException("the base currency " + base + " must be among the currencies");
        }
        currencies.forEach((code, rounding) -> {
            if (!rounding.currency().getCurrencyCode().equals(code)) {
                throw new IllegalArgumentException("rounding filed under " + code + " is for " + rounding.currency());
            }
        });
        channels.forEach((id, channel) -> {
            if (!channel.id().equals(id)) {
                throw new IllegalArgumentException("channel filed under " + id + " is " + channel.id());
            }
        });
        if (earnings.isNetRevenue() && !earnings.diamondValue().getCurrency().equals(baseCurrency)) {
            throw new IllegalArgumentException("in the net-revenue mode a diamond is a millionth of the base currency "
                    + base + ", not of " + earnings.diamondValue().getCurrency());
        }
        for (ChannelId id :
                earnings.netRevenue().map(n -> n.byChannel().keySet()).orElse(Set.of())) {
            if (!channels.containsKey(id)) {
                throw new IllegalArgumentException("the net-revenue share of channel " + id + " names no channel");
            }
        }
        for (PriceTable table : priceTables.tables()) {
            for (Map.Entry<ChannelId, ChannelOffer> e : table.channels().entrySet()) {
                String where = "table " + table.effectiveFrom() + ", channel " + e.getKey();
                if (!channels.containsKey(e.getKey())) {
                    throw new IllegalArgumentException(where + ": channel is not declared");
                }
                for (CoinPackage p : e.getValue().packages()) {
                    if (!p.prices().containsKey(base)) {
                        throw new IllegalArgumentException(where + ", package " + p.id() + ": no " + base + " price");
                    }
                    for (String code : p.prices().keySet()) {
                        if (!currencies.containsKey(code)) {
                            throw new IllegalArgumentException(
                                    where + ", package " + p.id() + ": currency " + code + " is not declared");
                        }
                    }
                }
                Optional<CustomAmountOffer> custom = e.getValue().customAmount();
                if (custom.isPresent()) {
                    if (!custom.get().currencies().contains(base)) {
                        throw new IllegalArgumentException(where + ", custom amount: no " + base + " price per coin");
                    }
                    for (String code : custom.get().currencies()) {
                        if (!currencies.containsKey(code)) {
                            throw new IllegalArgumentException(
                                    where + ", custom amount: currency " + code + " is not declared");
                        }
                    }
                }
            }
        }
    }

    /**
     * Creates a definition with the {@linkplain CashOutPolicy#defaults default cash-out rules} at the earnings' diamond
     * value.
     *
     * @param baseCurrency the base currency, not null
     * @param currencies the currencies sold in, by code, not null
     * @param channels the sales channels, not null
     * @param priceTables the price tables, not null
     * @param taxes the tax rules, not null
     * @param exchangeRates the fixed rates, not null
     * @param gifts the gift catalogue, not null
     * @param earnings the earnings rules, not null
     * @param ages the minimum ages, not null
     * @param spendingLimits the spending limits, not null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public EconomyDefinition(
            CurrencyUnit baseCurrency,
            Map<String, PriceRounding> currencies,
            Map<ChannelId, SalesChannel> channels,
            PriceTableHistory priceTables,
            TaxRules taxes,
            List<FxRate> exchangeRates,
            GiftCatalog gifts,
            EarningsPolicy earnings,
            AgePolicy ages,
            List<SpendingLimit> spendingLimits) {
        this(
                baseCurrency,
                currencies,
                channels,
                priceTables,
                taxes,
                exchangeRates,
                gifts,
                earnings,
                ages,
                spendingLimits,
                CashOutPolicy.defaults(
                        Objects.requireNonNull(earnings, "earnings").diamondValue()));
    }

    /**
     * Returns this economy with other cash-out rules.
     *
     * @param newCashOut the rules, not null
     * @return the definition with them, never null
     */
    public EconomyDefinition withCashOut(CashOutPolicy newCashOut) {
        return new EconomyDefinition(
                baseCurrency,
                currencies,
                channels,
                priceTables,
                taxes,
                exchangeRates,
                gifts,
                earnings,
                ages,
                spendingLimits,
                Objects.requireNonNull(newCashOut, "newCashOut"));
    }

    /**
     * Returns a currency sold in, as looked up when the definition was loaded.
     *
     * @param code the ISO 4217 code, not null
     * @return the currency, empty if the economy does not sell in it
     */
    public Optional<CurrencyUnit> currency(String code) {
        PriceRounding rounding = currencies.get(Objects.requireNonNull(code, "code"));
        return rounding == null ? Optional.empty() : Optional.of(rounding.currency());
    }

    /**
     * Returns this economy with other creator-earnings rules (to try another share or hold window, for example).
     *
     * @param newEarnings the rules, not null
     * @return the definition with them, never null
     */
    public EconomyDefinition withEarnings(EarningsPolicy newEarnings) {
        return new EconomyDefinition(
                baseCurrency,
                currencies,
                channels,
                priceTables,
                taxes,
                exchangeRates,
                gifts,
                Objects.requireNonNull(newEarnings, "newEarnings"),
                ages,
                spendingLimits,
                cashOut);
    }

    /**
     * Returns this economy with other platform spending limits.
     *
     * @param newLimits the limits, not null (empty for none); copied
     * @return the definition with them, never null
     */
    public EconomyDefinition withSpendingLimits(List<SpendingLimit> newLimits) {
        return new EconomyDefinition(
                baseCurrency,
                currencies,
                channels,
                priceTables,
                taxes,
                exchangeRates,
                gifts,
                earnings,
                ages,
                Objects.requireNonNull(newLimits, "newLimits"),
                cashOut);
    }
}
