package dev.coinage.json;

import dev.coinage.catalog.AgePolicy;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ChannelOffer;
import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.CustomAmountOffer;
import dev.coinage.catalog.EarningsPolicy;
import dev.coinage.catalog.GiftCatalog;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.PriceEnding;
import dev.coinage.catalog.PriceRounding;
import dev.coinage.catalog.PriceTable;
import dev.coinage.catalog.PriceTableHistory;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.SalesChannel;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.catalog.TaxDisplay;
import dev.coinage.catalog.TaxRule;
import dev.coinage.catalog.TaxRules;
import dev.coinage.catalog.VolumeTier;
import dev.coinage.core.DefinitionException;
import dev.coinage.pricing.CashOutPolicy;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.FxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import javax.money.MonetaryException;
import org.javamoney.moneta.Money;

/**
 * Reads one economy definition document. Validates every field with its path before building the immutable domain
 * objects, which are only returned once the whole document is valid. One instance per document; not thread-safe.
 */
final class DefinitionReader {
    static final int FORMAT_VERSION = 1;

    // Bounds that keep every later computation small, whatever the document says.
    static final int MONEY_DIGITS = 12; // prices below 10^12 currency units
    static final int RATE_DIGITS = 9;
    static final int RATE_DECIMALS = 12;
    static final int PER_COIN_DECIMALS = 12;
    static final long MAX_COINS = 1_000_000_000_000L;
    static final int MAX_LIST = 10_000;
    // Sanity bounds: values no real economy wants (see docs/pricing.md, "Sanity rules").
    static final Duration MAX_HOLD = Duration.ofDays(365);
    static final Duration MAX_QUOTE_VALIDITY = Duration.ofDays(1);
    static final int MAX_PACKAGES = 100;
    static final int MAX_TIERS = 100;
    static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final Map<String, CurrencyUnit> currencyCache = new HashMap<>();
    private Map<String, PriceRounding> currencies;
    private final RulesReader rules = new RulesReader(this);

    EconomyDefinition read(Node root) {
        Node.Obj doc = root.object(Set.of(
                "coinage",
                "baseCurrency",
                "currencies",
                "channels",
                "priceTables",
                "exchangeRates",
                "taxes",
                "gifts",
                "earnings",
                "minimumAge",
                "spendingLimits",
                "cashOut"));
        Node version = doc.get("coinage");
        if (version.whole(0, Integer.MAX_VALUE) != FORMAT_VERSION) {
            throw version.error("unsupported format version, this library reads " + FORMAT_VERSION);
        }
        currencies = readCurrencies(doc.get("currencies"));
        Node baseNode = doc.get("baseCurrency");
        CurrencyUnit base = declaredCurrency(baseNode, baseNode.text());
        Map<ChannelId, SalesChannel> channels = readChannels(doc.get("channels"));
        PriceTableHistory tables = readTables(doc.get("priceTables"), channels, base);
        List<FxRate> rates = doc.optional("exchangeRates").map(this::readRates).orElse(List.of());
        TaxRules taxes = doc.optional("taxes").map(this::readTaxes).orElse(new TaxRules(TaxRule.NONE, Map.of()));
        GiftCatalog gifts = rules.readGifts(doc.get("gifts"));
        EarningsPolicy earnings = rules.readEarnings(doc.get("earnings"), base, channels.keySet());
        AgePolicy ages = doc.optional("minimumAge").map(rules::readAges).orElse(new AgePolicy(18, Map.of()));
        List<SpendingLimit> limits =
                doc.optional("spendingLimits").map(rules::readLimits).orElse(List.of());
        EconomyDefinition economy = build(
                root,
                () -> new EconomyDefinition(
                        base, currencies, channels, tables, taxes, rates, gifts, earnings, ages, limits));
        if (doc.has("cashOut")) {
            Node cashOutNode = doc.get("cashOut");
            CashOutPolicy cashOut = rules.readCashOut(cashOutNode, earnings.diamondValue());
            return build(cashOutNode, () -> economy.withCashOut(cashOut));
        }
        return economy;
    }

    /** Builds a domain object; a rule the domain enforces and the reader missed still gets the node's path. */
    static <T> T build(Node at, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw at.error(String.valueOf(e.getMessage()));
        }
    }

    static List<Node> list(Node node, int min) {
        return list(node, min, MAX_LIST);
    }

    static List<Node> list(Node node, int min, int max) {
        List<Node> elements = node.elements();
        if (elements.size() < min) {
            throw node.error("must have at least " + min + (min == 1 ? " element" : " elements"));
        }
        if (elements.size() > max) {
            throw node.error("must have at most " + max + " elements");
        }
        return elements;
    }

    static <T> T parse(Node node, String text, Function<String, T> factory) {
        try {
            return factory.apply(text);
        } catch (IllegalArgumentException e) {
            throw node.error(String.valueOf(e.getMessage()));
        }
    }

    // ---- currencies -------------------------------------------------------------------------------------------

    CurrencyUnit lookUp(Node at, String code) {
        if (!CURRENCY_CODE.matcher(code).matches()) {
            throw at.error("must be an ISO 4217 currency code such as USD");
        }
        CurrencyUnit cached = currencyCache.get(code);
        if (cached != null) {
            return cached;
        }
        CurrencyUnit unit;
        try {
            // The one place Coinage asks Moneta's registry: once per code, when the definition is loaded.
            unit = Monetary.getCurrency(code);
        } catch (MonetaryException e) {
            throw at.error("unknown currency " + code);
        }
        if (unit.getDefaultFractionDigits() < 0 || unit.getDefaultFractionDigits() > 4) {
            throw at.error("currency " + code + " has no usable minor unit");
        }
        currencyCache.put(code, unit);
        return unit;
    }

    /** A currency named by {@code code}, which must be among the declared currencies. */
    CurrencyUnit declaredCurrency(Node at, String code) {
        PriceRounding rounding = currencies.get(code);
        if (rounding == null) {
            lookUp(at, code);
            throw at.error("currency " + code + " is not declared in currencies");
        }
        return rounding.currency();
    }

    Map<String, PriceRounding> readCurrencies(Node node) {
        Map<String, PriceRounding> out = new LinkedHashMap<>();
        List<Map.Entry<String, Node>> entries = node.entries();
        if (entries.isEmpty()) {
            throw node.error("must declare at least one currency");
        }
        for (Map.Entry<String, Node> e : entries) {
            Node at = e.getValue();
            CurrencyUnit unit = lookUp(at, e.getKey());
            Node.Obj o = at.object(Set.of("rounding", "ending"));
            RoundingMode mode = o.optional("rounding")
                    .map(DefinitionReader::readRoundingMode)
                    .orElse(RoundingMode.HALF_UP);
            Optional<PriceEnding> ending = o.optional("ending").map(n -> readEnding(n, unit));
            out.put(e.getKey(), build(at, () -> new PriceRounding(unit, mode, ending)));
        }
        return out;
    }

    static RoundingMode readRoundingMode(Node node) {
        String text = node.text();
        switch (text) {
            case "HALF_UP":
                return RoundingMode.HALF_UP;
            case "HALF_EVEN":
                return RoundingMode.HALF_EVEN;
            case "UP":
                return RoundingMode.UP;
            case "CEILING":
                return RoundingMode.CEILING;
            case "DOWN":
                return RoundingMode.DOWN;
            default:
                throw node.error("must be one of HALF_UP, HALF_EVEN, UP, CEILING, DOWN");
        }
    }

    static PriceEnding readEnding(Node node, CurrencyUnit unit) {
        Node.Obj o = node.object(Set.of("step", "ending"));
        int digits = unit.getDefaultFractionDigits();
        BigDecimal step = o.get("step").positiveDecimal(6, digits);
        Node endingNode = o.get("ending");
        BigDecimal ending = endingNode.decimal(6, digits);
        if (ending.signum() < 0) {
            throw endingNode.error("negative");
        }
        if (ending.compareTo(step) >= 0) {
            throw endingNode.error("must be below the step " + step.toPlainString());
        }
        return build(node, () -> new PriceEnding(step, ending));
    }

    /** A price in a declared currency: positive, no finer than the minor unit. */
    MonetaryAmount price(Node node, CurrencyUnit unit) {
        BigDecimal value = node.positiveDecimal(MONEY_DIGITS, 18);
        int digits = unit.getDefaultFractionDigits();
        if (Math.max(0, value.scale()) > digits) {
            throw node.error("more decimals than " + unit.getCurrencyCode() + " allows (" + digits + ")");
        }
        return Money.of(value, unit);
    }

    // ---- channels and tables ----------------------------------------------------------------------------------

    static ChannelId channelId(Node at, String text) {
        return parse(at, text, ChannelId::of);
    }

    Map<ChannelId, SalesChannel> readChannels(Node node) {
        Map<ChannelId, SalesChannel> out = new LinkedHashMap<>();
        List<Map.Entry<String, Node>> entries = node.entries();
        if (entries.isEmpty()) {
            throw node.error("must declare at least one channel");
        }
        for (Map.Entry<String, Node> e : entries) {
            Node at = e.getValue();
            ChannelId id = channelId(at, e.getKey());
            Node.Obj o = at.object(Set.of("name", "storeFeeRate"));
            String name = o.get("name").name(100);
            Node feeNode = o.get("storeFeeRate");
            BigDecimal fee = feeNode.decimal(1, 6);
            if (fee.signum() < 0) {
                throw feeNode.error("negative");
            }
            if (fee.compareTo(BigDecimal.ONE) >= 0) {
                throw feeNode.error("must be below 1");
            }
            out.put(id, build(at, () -> new SalesChannel(id, name, fee)));
        }
        return out;
    }

    PriceTableHistory readTables(Node node, Map<ChannelId, SalesChannel> channels, CurrencyUnit base) {
        List<PriceTable> tables = new ArrayList<>();
        Map<Instant, String> seen = new HashMap<>();
        for (Node t : list(node, 1)) {
            Node.Obj o = t.object(Set.of("effectiveFrom", "channels"));
            Node fromNode = o.get("effectiveFrom");
            Instant from = fromNode.instant();
            String earlier = seen.putIfAbsent(from, fromNode.path());
            if (earlier != null) {
                throw fromNode.error("same effective instant as " + earlier);
            }
            Node channelsNode = o.get("channels");
            Map<ChannelId, ChannelOffer> offers = new LinkedHashMap<>();
            List<Map.Entry<String, Node>> entries = channelsNode.entries();
            if (entries.isEmpty()) {
                throw channelsNode.error("must sell on at least one channel");
            }
            for (Map.Entry<String, Node> e : entries) {
                ChannelId id = channelId(e.getValue(), e.getKey());
                if (!channels.containsKey(id)) {
                    throw e.getValue().error("channel " + id + " is not declared in channels");
                }
                offers.put(id, readOffer(e.getValue(), base));
            }
            tables.add(build(t, () -> PriceTable.of(from, offers)));
        }
        return build(node, () -> PriceTableHistory.of(tables));
    }

    ChannelOffer readOffer(Node node, CurrencyUnit base) {
        Node.Obj o = node.object(Set.of("packages", "customAmount"));
        List<CoinPackage> packages = new ArrayList<>();
        Map<PackageId, String> ids = new HashMap<>();
        if (o.has("packages")) {
            for (Node p : list(o.get("packages"), 0, MAX_PACKAGES)) {
                CoinPackage pkg = readPackage(p, base);
                String earlier = ids.putIfAbsent(pkg.id(), p.path());
                if (earlier != null) {
                    throw new DefinitionException(p.path() + ".id", "duplicate of " + earlier + ".id");
                }
                packages.add(pkg);
            }
            checkMonotonic(o.get("packages"), packages);
        }
        Optional<CustomAmountOffer> custom = o.optional("customAmount").map(n -> readCustom(n, base));
        if (packages.isEmpty() && custom.isEmpty()) {
            throw node.error("must sell packages or a custom amount");
        }
        return build(node, () -> ChannelOffer.of(packages, custom));
    }

    CoinPackage readPackage(Node node, CurrencyUnit base) {
        Node.Obj o = node.object(Set.of("id", "coins", "bonusCoins", "prices"));
        Node idNode = o.get("id");
        PackageId id = parse(idNode, idNode.text(), PackageId::of);
        long coins = o.get("coins").whole(1, MAX_COINS);
        long bonus = o.optional("bonusCoins").map(n -> n.whole(0, MAX_COINS)).orElse(0L);
        Node pricesNode = o.get("prices");
        Map<String, MonetaryAmount> prices = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : pricesNode.entries()) {
            CurrencyUnit unit = declaredCurrency(e.getValue(), e.getKey());
            prices.put(e.getKey(), price(e.getValue(), unit));
        }
        if (!prices.containsKey(base.getCurrencyCode())) {
            throw new DefinitionException(
                    pricesNode.childPath(base.getCurrencyCode()), "required: every package has a base-currency price");
        }
        return build(node, () -> new CoinPackage(id, coins, bonus, prices));
    }

    /** Within one channel and currency, a package with more coins never has a lower price point. */
    static void checkMonotonic(Node packagesNode, List<CoinPackage> packages) {
        Integer[] order = new Integer[packages.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(
                order, java.util.Comparator.comparingLong(i -> packages.get(i).totalCoins()));
        Set<String> codes = new HashSet<>();
        packages.forEach(p -> codes.addAll(p.prices().keySet()));
        for (String code : codes) {
            MonetaryAmount maxBefore = null; // highest price among packages with fewer coins
            int maxBeforeIndex = -1;
            int g = 0;
            while (g < order.length) {
                long coins = packages.get(order[g]).totalCoins();
                int end = g;
                while (end < order.length && packages.get(order[end]).totalCoins() == coins) {
                    end++;
                }
                MonetaryAmount groupMax = null;
                int groupMaxIndex = -1;
                for (int k = g; k < end; k++) {
                    MonetaryAmount price = packages.get(order[k]).prices().get(code);
                    if (price == null) {
                        continue;
                    }
                    if (maxBefore != null && price.isLessThan(maxBefore)) {
                        CoinPackage cheaper = packages.get(maxBeforeIndex);
                        throw new DefinitionException(
                                packagesNode.path() + "[" + order[k] + "].prices." + code,
                                coins + " coins cost less than the " + cheaper.totalCoins() + " coins of package "
                                        + cheaper.id());
                    }
                    if (groupMax == null || price.isGreaterThan(groupMax)) {
                        groupMax = price;
                        groupMaxIndex = order[k];
                    }
                }
                if (groupMax != null && (maxBefore == null || groupMax.isGreaterThan(maxBefore))) {
                    maxBefore = groupMax;
                    maxBeforeIndex = groupMaxIndex;
                }
                g = end;
            }
        }
    }

    CustomAmountOffer readCustom(Node node, CurrencyUnit base) {
        Node.Obj o = node.object(Set.of("minCoins", "maxCoins", "step", "pricePerCoin", "tiers"));
        long min = o.get("minCoins").whole(1, MAX_COINS);
        Node maxNode = o.get("maxCoins");
        long max = maxNode.whole(1, MAX_COINS);
        if (max < min) {
            throw maxNode.error("must be at least minCoins " + min);
        }
        long step = o.optional("step").map(n -> n.whole(1, MAX_COINS)).orElse(1L);
        List<VolumeTier> tiers = new ArrayList<>();
        Node basePrices = o.get("pricePerCoin");
        Map<String, BigDecimal> first = perCoin(basePrices);
        if (!first.containsKey(base.getCurrencyCode())) {
            throw new DefinitionException(
                    basePrices.childPath(base.getCurrencyCode()),
                    "required: custom amounts need a base-currency price");
        }
        tiers.add(build(basePrices, () -> new VolumeTier(1, first)));
        if (o.has("tiers")) {
            long previous = 1;
            for (Node t : list(o.get("tiers"), 0, MAX_TIERS)) {
                Node.Obj to = t.object(Set.of("fromCoins", "pricePerCoin"));
                Node fromNode = to.get("fromCoins");
                long from = fromNode.whole(2, MAX_COINS);
                if (from <= previous) {
                    throw fromNode.error("must be above the previous tier's " + previous);
                }
                previous = from;
                Node pricesNode = to.get("pricePerCoin");
                Map<String, BigDecimal> rates = perCoin(pricesNode);
                if (!rates.keySet().equals(first.keySet())) {
                    throw pricesNode.error("must name the same currencies as the base pricePerCoin " + first.keySet());
                }
                tiers.add(build(t, () -> new VolumeTier(from, rates)));
            }
        }
        return build(node, () -> CustomAmountOffer.of(min, max, step, tiers));
    }

    Map<String, BigDecimal> perCoin(Node node) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : node.entries()) {
            declaredCurrency(e.getValue(), e.getKey());
            out.put(e.getKey(), e.getValue().positiveDecimal(6, PER_COIN_DECIMALS));
        }
        if (out.isEmpty()) {
            throw node.error("must price at least one currency");
        }
        return out;
    }

    // ---- rates and taxes --------------------------------------------------------------------------------------

    List<FxRate> readRates(Node node) {
        List<FxRate> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node r : list(node, 0)) {
            Node.Obj o = r.object(Set.of("base", "term", "factor", "asOf"));
            Node baseNode = o.get("base");
            CurrencyUnit base = lookUp(baseNode, baseNode.text());
            Node termNode = o.get("term");
            CurrencyUnit term = lookUp(termNode, termNode.text());
            if (base.equals(term)) {
                throw termNode.error("must differ from base");
            }
            BigDecimal factor = o.get("factor").positiveDecimal(RATE_DIGITS, RATE_DECIMALS);
            Node asOfNode = o.get("asOf");
            Instant asOf = asOfNode.instant();
            if (!seen.add(base.getCurrencyCode() + "/" + term.getCurrencyCode() + "@" + asOf)) {
                throw asOfNode.error("a second " + base + "/" + term + " rate for the same instant");
            }
            out.add(build(r, () -> new FxRate(base, term, factor, asOf, "definition")));
        }
        return out;
    }

    TaxRules readTaxes(Node node) {
        Node.Obj o = node.object(Set.of("default", "regions"));
        TaxRule fallback =
                o.optional("default").map(DefinitionReader::readTaxRule).orElse(TaxRule.NONE);
        Map<Region, TaxRule> regions = new TreeMap<>();
        if (o.has("regions")) {
            for (Map.Entry<String, Node> e : o.get("regions").entries()) {
                Region region = parse(e.getValue(), e.getKey(), Region::of);
                regions.put(region, readTaxRule(e.getValue()));
            }
        }
        return build(node, () -> new TaxRules(fallback, regions));
    }

    static TaxRule readTaxRule(Node node) {
        Node.Obj o = node.object(Set.of("rate", "display"));
        Node rateNode = o.get("rate");
        BigDecimal rate = rateNode.decimal(1, 6);
        if (rate.signum() < 0) {
            throw rateNode.error("negative");
        }
        if (rate.compareTo(BigDecimal.ONE) >= 0) {
            throw rateNode.error("must be below 1");
        }
        Node displayNode = o.get("display");
        TaxDisplay display;
        switch (displayNode.text()) {
            case "inclusive":
                display = TaxDisplay.INCLUSIVE;
                break;
            case "exclusive":
                display = TaxDisplay.EXCLUSIVE;
                break;
            default:
                throw displayNode.error("must be 'inclusive' or 'exclusive'");
        }
        return build(node, () -> new TaxRule(rate, display));
    }

    // ---- gifts and earnings -----------------------------------------------------------------------------------
}
