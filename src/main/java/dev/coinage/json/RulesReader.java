package dev.coinage.json;

import dev.coinage.catalog.AgePolicy;
import dev.coinage.catalog.AvailabilityWindow;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.CoinRange;
import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.CreatorShare;
import dev.coinage.catalog.EarningsPolicy;
import dev.coinage.catalog.Gift;
import dev.coinage.catalog.GiftCatalog;
import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.LimitPeriod;
import dev.coinage.catalog.NetRevenueShare;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.ReleasedPartsPolicy;
import dev.coinage.catalog.SpendingLimit;
import dev.coinage.core.DefinitionException;
import dev.coinage.pricing.CashOutPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * Reads the rules part of an economy definition — gifts, earnings, cash-out, ages and spending limits — for a
 * {@link DefinitionReader}, whose money and list helpers it shares. Not thread-safe, like the reader.
 */
final class RulesReader {
    private final DefinitionReader reader;

    RulesReader(DefinitionReader reader) {
        this.reader = reader;
    }

    GiftCatalog readGifts(Node node) {
        List<Gift> gifts = new ArrayList<>();
        Map<GiftId, String> ids = new HashMap<>();
        for (Node g : DefinitionReader.list(node, 0)) {
            Gift gift = readGift(g);
            String earlier = ids.putIfAbsent(gift.id(), g.path());
            if (earlier != null) {
                throw new DefinitionException(g.path() + ".id", "duplicate of " + earlier + ".id");
            }
            gifts.add(gift);
        }
        return DefinitionReader.build(node, () -> GiftCatalog.of(gifts));
    }

    Gift readGift(Node node) {
        Node.Obj o = node.object(Set.of(
                "id",
                "name",
                "coins",
                "contexts",
                "videoPriceRange",
                "availableFrom",
                "availableUntil",
                "regions",
                "combo",
                "animation"));
        Node idNode = o.get("id");
        GiftId id = DefinitionReader.parse(idNode, idNode.text(), GiftId::of);
        String name = o.get("name").name(100);
        long coins = o.get("coins").whole(1, DefinitionReader.MAX_COINS);
        Node contextsNode = o.get("contexts");
        Set<GiftContext> contexts = EnumSet.noneOf(GiftContext.class);
        for (Node c : DefinitionReader.list(contextsNode, 1)) {
            GiftContext context;
            switch (c.text()) {
                case "live":
                    context = GiftContext.LIVE;
                    break;
                case "video":
                    context = GiftContext.VIDEO;
                    break;
                default:
                    throw c.error("must be 'live' or 'video'");
            }
            if (!contexts.add(context)) {
                throw c.error("duplicate context");
            }
        }
        Optional<CoinRange> range = Optional.empty();
        if (o.has("videoPriceRange")) {
            Node rangeNode = o.get("videoPriceRange");
            if (!contexts.contains(GiftContext.VIDEO)) {
                throw rangeNode.error("only allowed for gifts sent on videos");
            }
            Node.Obj r = rangeNode.object(Set.of("min", "max"));
            long min = r.get("min").whole(1, DefinitionReader.MAX_COINS);
            Node maxNode = r.get("max");
            long max = maxNode.whole(1, DefinitionReader.MAX_COINS);
            if (max < min) {
                throw maxNode.error("must be at least min " + min);
            }
            range = Optional.of(new CoinRange(min, max));
        }
        Optional<Instant> from = o.optional("availableFrom").map(Node::instant);
        Optional<Instant> until = Optional.empty();
        if (o.has("availableUntil")) {
            Node untilNode = o.get("availableUntil");
            until = Optional.of(untilNode.instant());
            if (from.isPresent() && !until.get().isAfter(from.get())) {
                throw untilNode.error("must be after availableFrom");
            }
        }
        Set<Region> regions = new HashSet<>();
        if (o.has("regions")) {
            for (Node r : DefinitionReader.list(o.get("regions"), 0)) {
                if (!regions.add(DefinitionReader.parse(r, r.text(), Region::of))) {
                    throw r.error("duplicate region");
                }
            }
        }
        boolean combo = o.optional("combo").map(Node::bool).orElse(false);
        String animation = o.get("animation").name(500);
        Optional<CoinRange> videoRange = range;
        Optional<Instant> untilInstant = until;
        AvailabilityWindow window = DefinitionReader.build(node, () -> new AvailabilityWindow(from, untilInstant));
        return DefinitionReader.build(
                node, () -> new Gift(id, name, coins, contexts, videoRange, window, regions, combo, animation));
    }

    EarningsPolicy readEarnings(Node node, CurrencyUnit base, Set<ChannelId> known) {
        Node.Obj o = node.object(Set.of(
                "basis",
                "creatorShare",
                "channelShares",
                "tierShares",
                "conversion",
                "diamondValue",
                "holdWindow",
                "releasedParts"));
        String basis = o.optional("basis").map(Node::text).orElse("coins");
        boolean net =
                switch (basis) {
                    case "coins" -> false;
                    case "net-revenue" -> true;
                    default -> throw o.get("basis").error("must be \"coins\" or \"net-revenue\"");
                };
        Node shareNode = o.get("creatorShare");
        CreatorShare share = readShare(shareNode, net);
        Node modeNode = o.get("conversion");
        ConversionMode mode = DefinitionReader.parse(modeNode, modeNode.text(), ConversionMode::ofCode);
        Duration hold = o.get("holdWindow").duration(DefinitionReader.MAX_HOLD);
        ReleasedPartsPolicy released = ReleasedPartsPolicy.PLATFORM_LOSS;
        Optional<Node> releasedNode = o.optional("releasedParts");
        if (releasedNode.isPresent()) {
            Node r = releasedNode.get();
            released = DefinitionReader.parse(r, r.text(), ReleasedPartsPolicy::ofCode);
        }
        ReleasedPartsPolicy releasedParts = released;
        if (!net) {
            for (String field : List.of("channelShares", "tierShares")) {
                if (o.has(field)) {
                    throw o.get(field).error("is only for \"basis\": \"net-revenue\"");
                }
            }
            MonetaryAmount diamondValue = readAmount(o.get("diamondValue"), 6);
            return DefinitionReader.build(
                    node, () -> new EarningsPolicy(share, mode, diamondValue, hold, releasedParts));
        }
        if (o.has("diamondValue")) {
            throw o.get("diamondValue")
                    .error("must be absent: with \"basis\": \"net-revenue\" a diamond is a millionth of the base"
                            + " currency");
        }
        Map<ChannelId, CreatorShare> channels = new LinkedHashMap<>();
        o.optional("channelShares").ifPresent(c -> {
            for (Map.Entry<String, Node> e : c.entries()) {
                String name = e.getKey();
                Node n = e.getValue();
                ChannelId id = DefinitionReader.parse(n, name, ChannelId::of);
                if (!known.contains(id)) {
                    throw n.error("is not a channel of the economy");
                }
                channels.put(id, readShare(n, true));
            }
        });
        Map<String, CreatorShare> tiers = new LinkedHashMap<>();
        o.optional("tierShares").ifPresent(t -> {
            for (Map.Entry<String, Node> e : t.entries()) {
                String name = e.getKey();
                Node n = e.getValue();
                if (name.isBlank()) {
                    throw n.error("a tier must not be blank");
                }
                tiers.put(name, readShare(n, true));
            }
        });
        NetRevenueShare shares = DefinitionReader.build(node, () -> new NetRevenueShare(share, channels, tiers));
        return DefinitionReader.build(
                node, () -> EarningsPolicy.netRevenue(shares, base, mode, hold).withReleasedParts(releasedParts));
    }

    /** {@code {"numerator": 7, "denominator": 10}}; a net-revenue share's denominator must divide 10,000. */
    private static CreatorShare readShare(Node shareNode, boolean net) {
        Node.Obj s = shareNode.object(Set.of("numerator", "denominator"));
        long numerator = s.get("numerator").whole(1, CreatorShare.MAX_DENOMINATOR);
        Node denominatorNode = s.get("denominator");
        long denominator = denominatorNode.whole(1, CreatorShare.MAX_DENOMINATOR);
        if (denominator < numerator) {
            throw denominatorNode.error("must be at least the numerator " + numerator + " (a share above 1)");
        }
        if (net && NetRevenueShare.BASIS % denominator != 0) {
            throw denominatorNode.error("must divide " + NetRevenueShare.BASIS
                    + ": a share of net revenue is a whole number of basis points");
        }
        return DefinitionReader.build(shareNode, () -> new CreatorShare(numerator, denominator));
    }

    /** {@code {"amount": 0.005, "currency": "USD"}}, positive; {@code maxDecimals} may exceed the minor unit. */
    MonetaryAmount readAmount(Node node, int maxDecimals) {
        Node.Obj o = node.object(Set.of("amount", "currency"));
        Node currencyNode = o.get("currency");
        CurrencyUnit unit = reader.lookUp(currencyNode, currencyNode.text());
        BigDecimal amount = o.get("amount").positiveDecimal(DefinitionReader.MONEY_DIGITS, maxDecimals);
        return Money.of(amount, unit);
    }

    /**
     * The cash-out rules; every amount in the earnings' diamond-value currency. Figures left out take the
     * {@linkplain CashOutPolicy#defaults default} ones.
     */
    CashOutPolicy readCashOut(Node node, MonetaryAmount diamondValue) {
        Node.Obj o = node.object(Set.of(
                "minimumDiamonds",
                "dailyCap",
                "weeklyCap",
                "fixedFee",
                "feeRate",
                "zone",
                "reviewAbove",
                "quoteValidity",
                "rounding"));
        CashOutPolicy d = CashOutPolicy.defaults(diamondValue);
        CurrencyUnit settlement = diamondValue.getCurrency();
        long minimum = o.optional("minimumDiamonds")
                .map(n -> n.whole(1, DefinitionReader.MAX_COINS))
                .orElse(d.minimumDiamonds());
        MonetaryAmount daily = o.optional("dailyCap")
                .map(n -> settlementAmount(n, settlement, true))
                .orElse(d.dailyCap());
        MonetaryAmount weekly = o.optional("weeklyCap")
                .map(n -> settlementAmount(n, settlement, true))
                .orElse(d.weeklyCap());
        MonetaryAmount fixedFee = o.optional("fixedFee")
                .map(n -> settlementAmount(n, settlement, false))
                .orElse(d.fixedFee());
        BigDecimal feePercent = d.feePercent();
        if (o.has("feeRate")) {
            Node rateNode = o.get("feeRate");
            BigDecimal rate = rateNode.decimal(1, 6);
            if (rate.signum() < 0) {
                throw rateNode.error("negative");
            }
            if (rate.compareTo(BigDecimal.ONE) >= 0) {
                throw rateNode.error("must be below 1");
            }
            feePercent = rate.movePointRight(2);
        }
        ZoneId zone = d.zone();
        if (o.has("zone")) {
            Node zoneNode = o.get("zone");
            try {
                zone = ZoneId.of(zoneNode.text());
            } catch (DateTimeException e) {
                throw zoneNode.error("must be a time zone such as UTC or Europe/Paris");
            }
        }
        Optional<MonetaryAmount> reviewAbove = o.has("reviewAbove")
                ? Optional.of(settlementAmount(o.get("reviewAbove"), settlement, true))
                : d.reviewAbove();
        Duration validity = d.quoteValidity();
        if (o.has("quoteValidity")) {
            Node validityNode = o.get("quoteValidity");
            validity = validityNode.duration(DefinitionReader.MAX_QUOTE_VALIDITY);
            if (validity.isZero()) {
                throw validityNode.error("must be positive");
            }
        }
        RoundingMode rounding =
                o.optional("rounding").map(DefinitionReader::readRoundingMode).orElse(d.rounding());
        if (weekly.isLessThan(daily)) {
            throw o.get("weeklyCap").error("must be at least the dailyCap " + daily);
        }
        BigDecimal percent = feePercent;
        ZoneId z = zone;
        Duration valid = validity;
        return DefinitionReader.build(
                node,
                () -> new CashOutPolicy(
                        diamondValue, fixedFee, percent, minimum, daily, weekly, z, reviewAbove, valid, rounding));
    }

    /** An amount in the settlement currency, no finer than its minor unit; positive, or zero if allowed. */
    MonetaryAmount settlementAmount(Node node, CurrencyUnit settlement, boolean positive) {
        Node.Obj o = node.object(Set.of("amount", "currency"));
        Node currencyNode = o.get("currency");
        CurrencyUnit unit = reader.lookUp(currencyNode, currencyNode.text());
        if (!unit.equals(settlement)) {
            throw currencyNode.error("must be " + settlement.getCurrencyCode() + ", the diamond value's currency");
        }
        Node amountNode = o.get("amount");
        BigDecimal amount = positive
                ? amountNode.positiveDecimal(DefinitionReader.MONEY_DIGITS, unit.getDefaultFractionDigits())
                : amountNode.decimal(DefinitionReader.MONEY_DIGITS, unit.getDefaultFractionDigits());
        if (amount.signum() < 0) {
            throw amountNode.error("negative");
        }
        return Money.of(amount, unit);
    }

    AgePolicy readAges(Node node) {
        Node.Obj o = node.object(Set.of("default", "regions"));
        int fallback = o.optional("default").map(RulesReader::age).orElse(18);
        Map<Region, Integer> regions = new TreeMap<>();
        if (o.has("regions")) {
            for (Map.Entry<String, Node> e : o.get("regions").entries()) {
                Region region = DefinitionReader.parse(e.getValue(), e.getKey(), Region::of);
                regions.put(region, age(e.getValue()));
            }
        }
        return DefinitionReader.build(node, () -> new AgePolicy(fallback, regions));
    }

    /** A minimum age: apps publish 13 to 18 to use them, 18 to 21 to pay, gift or cash out (see {@link AgePolicy}). */
    static int age(Node node) {
        return (int) node.whole(AgePolicy.LOWEST, AgePolicy.HIGHEST);
    }

    List<SpendingLimit> readLimits(Node node) {
        List<SpendingLimit> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node l : DefinitionReader.list(node, 0)) {
            Node.Obj o = l.object(Set.of("period", "coins", "fiat"));
            Node periodNode = o.get("period");
            LimitPeriod period;
            switch (periodNode.text()) {
                case "gift":
                    period = LimitPeriod.PER_GIFT;
                    break;
                case "day":
                    period = LimitPeriod.DAY;
                    break;
                case "week":
                    period = LimitPeriod.WEEK;
                    break;
                case "month":
                    period = LimitPeriod.MONTH;
                    break;
                default:
                    throw periodNode.error("must be 'gift', 'day', 'week' or 'month'");
            }
            if (o.has("coins") == o.has("fiat")) {
                throw l.error("must have exactly one of coins and fiat");
            }
            SpendingLimit limit;
            String key;
            if (o.has("coins")) {
                long coins = o.get("coins").whole(1, DefinitionReader.MAX_COINS);
                limit = DefinitionReader.build(l, () -> SpendingLimit.ofCoins(period, coins));
                key = period + "/coins";
            } else {
                MonetaryAmount amount = readAmount(o.get("fiat"), 4);
                limit = DefinitionReader.build(l, () -> SpendingLimit.ofFiat(period, amount));
                key = period + "/" + amount.getCurrency().getCurrencyCode();
            }
            if (!seen.add(key)) {
                throw l.error("a second limit for the same period and unit");
            }
            out.add(limit);
        }
        return out;
    }
}
