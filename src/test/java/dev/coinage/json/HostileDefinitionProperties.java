package dev.coinage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.ChannelOffer;
import dev.coinage.catalog.CoinPackage;
import dev.coinage.catalog.CustomAmountOffer;
import dev.coinage.catalog.PriceRounding;
import dev.coinage.catalog.PriceTable;
import dev.coinage.catalog.Region;
import dev.coinage.core.CoinageException;
import dev.coinage.core.DefinitionException;
import dev.coinage.core.UserId;
import dev.coinage.pricing.EconomyDefinition;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.pricing.RechargeQuote;
import dev.coinage.pricing.RechargeQuoter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Mutates the example definition at random — deletes, duplicates, retypes, extreme numbers and strings, renamed keys,
 * swapped subtrees, broken UTF-8, truncation, and values at and beyond the sanity bounds (ages, rates, negative zero,
 * far dates, long holds, many packages) — and checks that every document is either refused with the library's typed
 * {@link DefinitionException} naming a path, or loads into a sane definition (every sanity rule holds) that quotes
 * every package and custom amount in every currency without any other kind of exception.
 */
class HostileDefinitionProperties {
    /** 10,000 per build; {@code -Dcoinage.hostile.mutants=200000} for a deeper local run. */
    private static final int MUTANTS = Math.max(10_000, Integer.getInteger("coinage.hostile.mutants", 10_000));

    /** Mutants at the sanity bounds, on top of {@link #MUTANTS}. */
    private static final int EDGE_MUTANTS = MUTANTS / 4;

    private static final ObjectMapper TREE = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectNode EXAMPLE = parse(ExampleEconomy.bytes());
    /** {@code $}, or field names, {@code [index]} and {@code ["quoted key"]} joined as in {@code a.b[0]["c d"]}. */
    private static final String PATH =
            "^(\\$|[A-Za-z0-9_-]{1,64})?(\\.[A-Za-z0-9_-]{1,64}|\\[\\d+]|\\[\"(?:[^\"\\\\]|\\\\.)*\"])*$";

    private static final Region[] REGIONS = {Region.of("US"), Region.of("DE"), Region.of("CA"), Region.of("JP")};

    private final AtomicInteger tried = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger loaded = new AtomicInteger();
    private final AtomicInteger quotes = new AtomicInteger();
    private final AtomicInteger edgesTried = new AtomicInteger();
    private final AtomicInteger edgesRefused = new AtomicInteger();
    private final AtomicInteger edgesLoaded = new AtomicInteger();

    private static ObjectNode parse(byte[] bytes) {
        try {
            return (ObjectNode) TREE.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyMutatedDefinitionLoadsCleanlyOrFailsWithAPathNamingDefinitionError() {
        // QuickTheories may skip a few repeated seeds, so ask for 1 % more to be sure of MUTANTS distinct runs.
        qt().withExamples(MUTANTS + MUTANTS / 100)
                .withShrinkCycles(0)
                .forAll(longs().all())
                .checkAssert(seed -> checkMutant(seed, false));
        // And a quarter as many again with values at and beyond the sanity bounds.
        qt().withExamples(EDGE_MUTANTS + EDGE_MUTANTS / 100)
                .withShrinkCycles(0)
                .forAll(longs().all())
                .checkAssert(seed -> checkMutant(seed, true));

        System.out.println("tried " + tried + " refused " + refused + " loaded " + loaded + " quotes " + quotes
                + "; at the sanity bounds: tried " + edgesTried + " refused " + edgesRefused + " loaded "
                + edgesLoaded);
        assertThat(tried.get() - edgesTried.get()).isGreaterThanOrEqualTo(MUTANTS);
        assertThat(edgesTried.get()).isGreaterThanOrEqualTo(EDGE_MUTANTS);
        assertThat(edgesRefused.get()).as("edge mutants refused").isGreaterThan(EDGE_MUTANTS / 5);
        assertThat(edgesLoaded.get()).as("edge mutants loaded").isGreaterThan(EDGE_MUTANTS / 10);
        assertThat(refused.get()).as("mutants refused").isGreaterThan(MUTANTS / 4);
        assertThat(loaded.get()).as("mutants still valid").isGreaterThan(100);
        assertThat(quotes.get()).as("quotes made from valid mutants").isGreaterThan(10_000);
    }

    private void checkMutant(long seed, boolean edge) {
        tried.incrementAndGet();
        Random random = new Random(seed);
        byte[] mutant = edge ? edgeMutant(random) : mutate(random);
        if (edge) {
            edgesTried.incrementAndGet();
        }
        EconomyDefinition definition;
        try {
            definition = EconomyJson.read(mutant);
        } catch (DefinitionException e) {
            refused.incrementAndGet();
            if (edge) {
                edgesRefused.incrementAndGet();
            }
            assertThat(e.path()).as("path of %s", e).isNotBlank().matches(PATH).doesNotStartWith(".");
            assertThat(e.reason()).as("reason of %s", e).isNotBlank();
            assertThat(e.getMessage()).doesNotContain("Exception");
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("seed " + seed + " escaped as " + e + "\n" + preview(mutant), e);
        }
        loaded.incrementAndGet();
        if (edge) {
            edgesLoaded.incrementAndGet();
        }
        checkSane(definition, seed, mutant);
        // Edge mutants differ from the example in a few bounded values: quoting one in four keeps the run short.
        if (!edge || random.nextInt(4) == 0) {
            exercise(definition, random, seed);
        }
    }

    /** The sanity rules of the format hold for every definition that loads. */
    private static void checkSane(EconomyDefinition definition, long seed, byte[] mutant) {
        String where = "seed " + seed + " loaded an insane definition\n" + preview(mutant);
        List<Integer> ages = new ArrayList<>(definition.ages().regions().values());
        ages.add(definition.ages().defaultMinimum());
        assertThat(ages).as(where).allSatisfy(age -> assertThat(age).isBetween(13, 21));
        List<BigDecimal> rates = new ArrayList<>();
        definition.channels().values().forEach(c -> rates.add(c.storeFeeRate()));
        rates.add(definition.taxes().defaultRule().rate());
        definition.taxes().regions().values().forEach(r -> rates.add(r.rate()));
        assertThat(rates).as(where).allSatisfy(rate -> {
            assertThat(rate.signum()).isNotNegative();
            assertThat(rate).isLessThan(BigDecimal.ONE);
            assertThat(rate.toString()).doesNotStartWith("-");
        });
        List<Instant> instants = new ArrayList<>();
        definition.priceTables().tables().forEach(t -> instants.add(t.effectiveFrom()));
        definition.exchangeRates().forEach(r -> instants.add(r.asOf()));
        definition.gifts().gifts().forEach(g -> {
            g.availability().from().ifPresent(instants::add);
            g.availability().until().ifPresent(instants::add);
        });
        assertThat(instants).as(where).allSatisfy(at -> assertThat(at)
                .isAfterOrEqualTo(Instant.parse("2000-01-01T00:00:00Z"))
                .isBefore(Instant.parse("2200-01-01T00:00:00Z")));
        assertThat(definition.earnings().holdWindow()).as(where).isLessThanOrEqualTo(Duration.ofDays(365));
        for (PriceTable table : definition.priceTables().tables()) {
            for (ChannelOffer offer : table.channels().values()) {
                assertThat(offer.packages()).as(where).hasSizeLessThanOrEqualTo(100);
                offer.customAmount()
                        // The base price per coin is the first tier; up to 100 more may follow.
                        .ifPresent(c -> assertThat(c.tiers()).as(where).hasSizeLessThanOrEqualTo(101));
            }
        }
    }

    /** Quotes everything the definition sells; only the library's typed business errors may come out. */
    private void exercise(EconomyDefinition definition, Random random, long seed) {
        UserId user = UserId.of("fuzz");
        for (PriceTable table : definition.priceTables().tables()) {
            RechargeQuoter quoter = RechargeQuoter.builder(definition)
                    .clock(Clock.fixed(table.effectiveFrom(), ZoneOffset.UTC))
                    .build();
            for (Map.Entry<ChannelId, ChannelOffer> entry : table.channels().entrySet()) {
                for (PriceRounding rounding : definition.currencies().values()) {
                    Region region = REGIONS[random.nextInt(REGIONS.length)];
                    for (CoinPackage p : entry.getValue().packages()) {
                        attempt(
                                seed,
                                quoter,
                                () -> quoter.quotePackage(user, entry.getKey(), p.id(), rounding.currency(), region));
                    }
                    if (entry.getValue().customAmount().isPresent()) {
                        CustomAmountOffer custom =
                                entry.getValue().customAmount().get();
                        attempt(
                                seed,
                                quoter,
                                () -> quoter.quoteCustom(
                                        user, entry.getKey(), custom.minCoins(), rounding.currency(), region));
                        attempt(
                                seed,
                                quoter,
                                () -> quoter.quoteCustom(
                                        user, entry.getKey(), custom.maxCoins(), rounding.currency(), region));
                    }
                }
            }
        }
    }

    private void attempt(long seed, RechargeQuoter quoter, java.util.function.Supplier<RechargeQuote> quote) {
        try {
            RechargeQuote made = quote.get();
            assertThat(quoter.verify(made)).isSameAs(made);
            quotes.incrementAndGet();
        } catch (CoinageException expected) {
            // A missing rate or similar: a typed, explained refusal is fine.
        } catch (RuntimeException | Error e) {
            fail("seed " + seed + ": quoting a loaded mutant escaped as " + e, e);
        }
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }

    // ---- mutations ------------------------------------------------------------------------------------------------

    /** Replaced by the JSON number literal {@code -0.0} once the mutant is written out. */
    private static final String NEGATIVE_ZERO = "@negative-zero@";

    private static final JsonNode[] AGES = {
        IntNode.valueOf(0),
        IntNode.valueOf(12),
        IntNode.valueOf(13),
        IntNode.valueOf(16),
        IntNode.valueOf(21),
        IntNode.valueOf(22),
        IntNode.valueOf(-1),
        IntNode.valueOf(150),
        LongNode.valueOf(Long.MAX_VALUE),
        DecimalNode.valueOf(new BigDecimal("18.5")),
        TextNode.valueOf("18")
    };
    private static final JsonNode[] RATES = {
        DecimalNode.valueOf(new BigDecimal("-0.0")),
        TextNode.valueOf(NEGATIVE_ZERO),
        TextNode.valueOf("-0"),
        TextNode.valueOf("-0.000"),
        TextNode.valueOf("-0E+5"),
        IntNode.valueOf(0),
        DecimalNode.valueOf(new BigDecimal("0.999999")),
        IntNode.valueOf(1),
        DecimalNode.valueOf(new BigDecimal("-0.000001")),
        DecimalNode.valueOf(new BigDecimal("0.19")),
        TextNode.valueOf("NaN"),
        TextNode.valueOf("-Infinity"),
        DecimalNode.valueOf(new BigDecimal("1e-7"))
    };
    private static final String[] INSTANTS = {
        "+999999999-12-31T23:59:59.999999999Z",
        "-999999999-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "1999-12-31T23:59:59.999999999Z",
        "2000-01-01T00:00:00Z",
        "2025-11-01T00:00:00Z",
        "2199-12-31T23:59:59Z",
        "2200-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z"
    };
    private static final String[] HOLDS = {
        "PT0S",
        "P7D",
        "P365D",
        "PT8760H",
        "P366D",
        "PT8760H0.000000001S",
        "P3650D",
        "PT2562047788015215H",
        "P-0D",
        "-PT0S"
    };

    /**
     * The example with one to three fields set at or beyond a sanity bound: minimum ages, fee and tax rates (negative
     * zero in every spelling), instants, the hold window, the number of packages or tiers.
     */
    private static byte[] edgeMutant(Random random) {
        ObjectNode doc = EXAMPLE.deepCopy();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            switch (random.nextInt(7)) {
                case 0:
                    ((ObjectNode) doc.path("minimumAge")).set("default", pick(AGES, random));
                    break;
                case 1:
                    ((ObjectNode) doc.path("minimumAge").path("regions"))
                            .set(random.nextBoolean() ? "KR" : "BR", pick(AGES, random));
                    break;
                case 2: {
                    String[] channels = {"apple", "google", "web"};
                    ((ObjectNode) doc.path("channels").path(channels[random.nextInt(3)]))
                            .set("storeFeeRate", pick(RATES, random));
                    break;
                }
                case 3: {
                    ObjectNode taxes = (ObjectNode) doc.path("taxes");
                    ObjectNode rule = random.nextBoolean()
                            ? (ObjectNode) taxes.path("default")
                            : (ObjectNode) taxes.path("regions").path(random.nextBoolean() ? "DE" : "US");
                    rule.set("rate", pick(RATES, random));
                    break;
                }
                case 4: {
                    String at = INSTANTS[random.nextInt(INSTANTS.length)];
                    switch (random.nextInt(3)) {
                        case 0:
                            ((ObjectNode) doc.path("priceTables").path(random.nextInt(2))).put("effectiveFrom", at);
                            break;
                        case 1:
                            ((ObjectNode) doc.path("exchangeRates")
                                            .path(random.nextInt(
                                                    doc.path("exchangeRates").size())))
                                    .put("asOf", at);
                            break;
                        default:
                            ((ObjectNode) doc.path("gifts")
                                            .path(random.nextInt(
                                                    doc.path("gifts").size())))
                                    .put(random.nextBoolean() ? "availableFrom" : "availableUntil", at);
                            break;
                    }
                    break;
                }
                case 5:
                    ((ObjectNode) doc.path("earnings")).put("holdWindow", HOLDS[random.nextInt(HOLDS.length)]);
                    break;
                default: {
                    int[] counts = {0, 1, 99, 100, 101, 150};
                    int count = counts[random.nextInt(counts.length)];
                    ObjectNode web = (ObjectNode)
                            doc.path("priceTables").path(1).path("channels").path("web");
                    if (random.nextBoolean()) {
                        ArrayNode packages = web.putArray("packages");
                        for (int k = 1; k <= count; k++) {
                            ObjectNode p =
                                    packages.addObject().put("id", "p-" + k).put("coins", 10 * k);
                            p.putObject("prices").put("USD", BigDecimal.valueOf(k));
                        }
                    } else {
                        ArrayNode tiers = ((ObjectNode) web.path("customAmount")).putArray("tiers");
                        for (int k = 1; k <= count; k++) {
                            tiers.addObject()
                                    .put("fromCoins", 100L * k)
                                    .putObject("pricePerCoin")
                                    .put("USD", BigDecimal.valueOf(10_000 - k, 6));
                        }
                    }
                    break;
                }
            }
        }
        if (random.nextInt(4) == 0) {
            mutateTree(doc, random);
        }
        return doc.toString().replace("\"" + NEGATIVE_ZERO + "\"", "-0.0").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode pick(JsonNode[] pool, Random random) {
        return pool[random.nextInt(pool.length)];
    }

    private static byte[] mutate(Random random) {
        int kind = random.nextInt(10);
        if (kind < 7) {
            ObjectNode doc = EXAMPLE.deepCopy();
            int steps = 1 + random.nextInt(3);
            for (int i = 0; i < steps; i++) {
                mutateTree(doc, random);
            }
            byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);
            return random.nextInt(8) == 0 ? duplicateKey(bytes, random) : bytes;
        }
        return mutateBytes(ExampleEconomy.bytes(), random);
    }

    /** A place in the tree: a container and the field name or index of one of its children. */
    private record Slot(ContainerNode<?> parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            List<String> copy = new ArrayList<>();
            names.forEachRemaining(copy::add);
            for (String name : copy) {
                out.add(new Slot((ObjectNode) node, name, -1));
                collect(node.get(name), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot((ArrayNode) node, null, i));
                collect(node.get(i), out);
            }
        }
    }

    private static void mutateTree(ObjectNode doc, Random random) {
        List<Slot> slots = slots(doc);
        if (slots.isEmpty()) {
            doc.put("coinage", 1);
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(8)) {
            case 0:
                slot.remove();
                break;
            case 1:
                if (slot.field == null) {
                    ((ArrayNode) slot.parent).insert(slot.index, slot.get().deepCopy());
                } else {
                    ((ObjectNode) slot.parent)
                            .set(slot.field + "Copy", slot.get().deepCopy());
                }
                break;
            case 2:
                slot.set(otherKind(random));
                break;
            case 3:
                slot.set(extremeNumber(random));
                break;
            case 4:
                slot.set(hostileText(random));
                break;
            case 5:
                if (slot.field != null) {
                    JsonNode value = slot.get();
                    slot.remove();
                    ((ObjectNode) slot.parent).set(rename(slot.field, random), value);
                } else {
                    slot.remove();
                }
                break;
            case 6:
                Slot other = slots.get(random.nextInt(slots.size()));
                JsonNode a = slot.get();
                JsonNode b = other.get();
                if (a != null && b != null && !contains(a, b) && !contains(b, a)) {
                    slot.set(b.deepCopy());
                    other.set(a.deepCopy());
                }
                break;
            default:
                Slot source = slots.get(random.nextInt(slots.size()));
                JsonNode copy = source.get();
                if (copy != null) {
                    slot.set(copy.deepCopy());
                }
                break;
        }
    }

    private static boolean contains(JsonNode outer, JsonNode inner) {
        if (outer == inner) {
            return true;
        }
        for (JsonNode child : outer) {
            if (contains(child, inner)) {
                return true;
            }
        }
        return false;
    }

    private static String rename(String field, Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return field.toUpperCase(java.util.Locale.ROOT);
            case 1:
                return field + "_";
            case 2:
                return "";
            default:
                return field.isEmpty() ? "x" : field.substring(1);
        }
    }

    private static JsonNode otherKind(Random random) {
        switch (random.nextInt(9)) {
            case 0:
                return TextNode.valueOf("x");
            case 1:
                return IntNode.valueOf(7);
            case 2:
                return DecimalNode.valueOf(new BigDecimal("1.5"));
            case 3:
                return BooleanNode.TRUE;
            case 4:
                return NullNode.getInstance();
            case 5:
                return NODES.objectNode();
            case 6:
                return NODES.arrayNode();
            case 7:
                return NODES.arrayNode().add(1).add("a");
            default:
                return NODES.objectNode().put("coins", 1);
        }
    }

    private static JsonNode extremeNumber(Random random) {
        switch (random.nextInt(16)) {
            case 0:
                return LongNode.valueOf(Long.MAX_VALUE);
            case 1:
                return LongNode.valueOf(Long.MIN_VALUE);
            case 2:
                return IntNode.valueOf(-1);
            case 3:
                return IntNode.valueOf(0);
            case 4:
                return BigIntegerNode.valueOf(BigInteger.TWO.pow(64));
            case 5:
                return DecimalNode.valueOf(new BigDecimal("1e308"));
            case 6:
                return DecimalNode.valueOf(new BigDecimal("1e999999999"));
            case 7:
                return DecimalNode.valueOf(new BigDecimal("1e-999999999"));
            case 8:
                return DecimalNode.valueOf(new BigDecimal("-0.01"));
            case 9:
                return DecimalNode.valueOf(new BigDecimal("0.000000000000000000001"));
            case 10:
                return DecimalNode.valueOf(new BigDecimal("123456789012345678901234567890.5"));
            case 11:
                return TextNode.valueOf("1e999999999");
            case 12:
                return IntNode.valueOf(Integer.MAX_VALUE);
            case 13:
                return DecimalNode.valueOf(new BigDecimal("0.999999"));
            case 14:
                return LongNode.valueOf(1_000_000_000_000L);
            default:
                return DecimalNode.valueOf(BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(8)));
        }
    }

    private static JsonNode hostileText(Random random) {
        String[] pool = {
            "",
            " ",
            "USD",
            "usd",
            "XXX",
            "EUR",
            "JPY",
            "web",
            "apple",
            "web-70",
            "2025-11-01T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "P-1D",
            "P99999999D",
            "PT0S",
            "\u0000",
            "\uD83C\uDF39",
            "carry",
            "platform-residue",
            "inclusive",
            "exclusive",
            "live",
            "video",
            "day",
            "gift",
            "HALF_UP",
            "UNNECESSARY",
            "-1",
            "0.74",
            "NaN",
            "a".repeat(10_000),
            "..",
            "a b"
        };
        return TextNode.valueOf(pool[random.nextInt(pool.length)]);
    }

    private static byte[] duplicateKey(byte[] bytes, Random random) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("\":", random.nextInt(Math.max(1, text.length())));
        if (at < 0) {
            return bytes;
        }
        int start = text.lastIndexOf('"', at - 1);
        if (start < 0) {
            return bytes;
        }
        String key = text.substring(start, at + 2);
        return (text.substring(0, start) + key + "null," + text.substring(start)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutateBytes(byte[] bytes, Random random) {
        int at = random.nextInt(bytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
        switch (random.nextInt(6)) {
            case 0: {
                byte[][] broken = {
                    {(byte) 0xC3, (byte) 0x28},
                    {(byte) 0xFF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xE2, (byte) 0x82}
                };
                out.write(bytes, 0, at);
                byte[] b = broken[random.nextInt(broken.length)];
                out.write(b, 0, b.length);
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
            case 1:
                out.write(bytes, 0, at);
                return out.toByteArray();
            case 2: {
                byte[] copy = bytes.clone();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 3: {
                int end = Math.min(bytes.length, at + 1 + random.nextInt(40));
                out.write(bytes, 0, at);
                out.write(bytes, end, bytes.length - end);
                return out.toByteArray();
            }
            case 4: {
                int end = Math.min(bytes.length, at + 1 + random.nextInt(200));
                out.write(bytes, 0, end);
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
            default: {
                byte[] copy = bytes.clone();
                int other = random.nextInt(bytes.length);
                byte t = copy[at];
                copy[at] = copy[other];
                copy[other] = t;
                return copy;
            }
        }
    }
}
