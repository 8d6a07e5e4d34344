package dev.coinage.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coinage.core.DefinitionException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON value with its path in the document. Every accessor checks the value's type and range and reports a problem
 * as a {@link DefinitionException} naming the path, so that no JSON shape can escape as a
 * {@code NullPointerException} or {@code ClassCastException}.
 */
final class Node {
    /** The earliest instant a definition may name: no economy prices coins before 2000. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** The first instant a definition may not name: a date past 2199 is a typo, not a plan. */
    static final Instant AFTER_LATEST = Instant.parse("2200-01-01T00:00:00Z");

    /** Longest numeric string accepted; keeps {@code new BigDecimal(text)} cheap. */
    private static final int MAX_NUMBER_TEXT = 64;

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final JsonNode json;
    private final String path;

    Node(JsonNode json, String path) {
        this.json = json;
        this.path = path;
    }

    static Node root(JsonNode json) {
        return new Node(json, "");
    }

    String path() {
        return path;
    }

    /** The path to show in an error: the root is {@code $}. */
    String where() {
        return path.isEmpty() ? "$" : path;
    }

    DefinitionException error(String reason) {
        return new DefinitionException(where(), reason);
    }

    String childPath(String field) {
        return childPath(path, field);
    }

    /** The path of a field under a parent path ({@code ""} for the root), quoting keys that are not plain names. */
    static String childPath(String parent, String field) {
        String step = SIMPLE_KEY.matcher(field).matches() ? field : "[" + quote(field) + "]";
        if (parent.isEmpty()) {
            return step.startsWith("[") ? "$" + step : step;
        }
        return step.startsWith("[") ? parent + step : parent + "." + step;
    }

    /** The path of an array element under a parent path ({@code ""} for the root). */
    static String elementPath(String parent, int index) {
        return (parent.isEmpty() ? "$" : parent) + "[" + index + "]";
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        int shown = Math.min(text.length(), 64);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (text.length() > shown) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    private String kind() {
        switch (json.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return "a " + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** This value as an object whose fields must all be among {@code allowed}. */
    Obj object(Set<String> allowed) {
        if (!json.isObject()) {
            throw error("must be an object, not " + kind());
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new DefinitionException(childPath(name), "unknown field");
            }
        }
        return new Obj();
    }

    /** This value as an object used as a map: every key allowed, values returned in document order. */
    List<Map.Entry<String, Node>> entries() {
        if (!json.isObject()) {
            throw error("must be an object, not " + kind());
        }
        List<Map.Entry<String, Node>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : json.properties()) {
            out.add(Map.entry(f.getKey(), new Node(f.getValue(), childPath(f.getKey()))));
        }
        return out;
    }

    List<Node> elements() {
        if (!json.isArray()) {
            throw error("must be an array, not " + kind());
        }
        List<Node> out = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            out.add(new Node(json.get(i), elementPath(path, i)));
        }
        return out;
    }

    String text() {
        if (!json.isTextual()) {
            throw error("must be a string, not " + kind());
        }
        return json.textValue();
    }

    /** A non-blank string of at most {@code maxLength} characters without control characters. */
    String name(int maxLength) {
        String text = text();
        if (text.isBlank()) {
            throw error("must not be blank");
        }
        if (text.length() > maxLength) {
            throw error("must be at most " + maxLength + " characters, is " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw error("must not contain control characters");
            }
        }
        return text;
    }

    boolean bool() {
        if (!json.isBoolean()) {
            throw error("must be true or false, not " + kind());
        }
        return json.booleanValue();
    }

    long whole(long min, long max) {
        if (!json.isIntegralNumber()) {
            throw error("must be a whole number, not " + (json.isNumber() ? "a fraction" : kind()));
        }
        if (!json.canConvertToLong()) {
            throw error("must be from " + min + " to " + max);
        }
        long value = json.longValue();
        if (value < min || value > max) {
            throw error("must be from " + min + " to " + max + ", is " + value);
        }
        return value;
    }

    /**
     * A decimal number, given as a JSON number or a numeric string, with at most {@code maxDecimals} decimals and at
     * most {@code maxIntegerDigits} digits before the point. The bounds come first so that later arithmetic on the
     * value is cheap whatever the document says.
     */
    BigDecimal decimal(int maxIntegerDigits, int maxDecimals) {
        BigDecimal value;
        if (json.isNumber()) {
            if (json.isFloatingPointNumber() && !json.isBigDecimal()) {
                value = new BigDecimal(json.asText());
            } else {
                value = json.decimalValue();
            }
        } else if (json.isTextual()) {
            String text = json.textValue().trim();
            if (text.isEmpty() || text.length() > MAX_NUMBER_TEXT) {
                throw error("must be a decimal number of at most " + MAX_NUMBER_TEXT + " characters");
            }
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw error("must be a decimal number, not '" + text + "'");
            }
        } else {
            throw error("must be a decimal number, not " + kind());
        }
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > maxDecimals) {
            throw error("must have at most " + maxDecimals + " decimals");
        }
        // precision - scale = digits before the point (may be negative for 0.00x)
        if ((long) stripped.precision() - stripped.scale() > maxIntegerDigits) {
            throw error("must be below 1e" + maxIntegerDigits);
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    BigDecimal positiveDecimal(int maxIntegerDigits, int maxDecimals) {
        BigDecimal value = decimal(maxIntegerDigits, maxDecimals);
        if (value.signum() < 0) {
            throw error("negative");
        }
        if (value.signum() == 0) {
            throw error("must be positive, is zero");
        }
        return value;
    }

    /** An instant from {@link #EARLIEST} to before {@link #AFTER_LATEST}. */
    Instant instant() {
        String text = text();
        Instant value;
        try {
            value = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error("must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
        if (value.isBefore(EARLIEST) || !value.isBefore(AFTER_LATEST)) {
            throw error("must be from " + EARLIEST + " to before " + AFTER_LATEST + ", is " + text);
        }
        return value;
    }

    Duration duration(Duration max) {
        String text = text();
        Duration value;
        try {
            value = Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw error("must be an ISO-8601 duration such as P7D or PT72H");
        }
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw error("must be from zero to " + max);
        }
        return value;
    }

    /** An object with its allowed fields checked; read fields by name. */
    final class Obj {
        private Obj() {}

        Node node() {
            return Node.this;
        }

        boolean has(String field) {
            JsonNode value = json.get(field);
            return value != null && !value.isNull();
        }

        Node get(String field) {
            JsonNode value = json.get(field);
            String childPath = childPath(field);
            if (value == null) {
                throw new DefinitionException(childPath, "required");
            }
            if (value.isNull()) {
                throw new DefinitionException(childPath, "must not be null");
            }
            return new Node(value, childPath);
        }

        /** The field, or empty if absent; an explicit null counts as absent. */
        java.util.Optional<Node> optional(String field) {
            return has(field) ? java.util.Optional.of(get(field)) : java.util.Optional.empty();
        }

        DefinitionException error(String reason) {
            return Node.this.error(reason);
        }
    }
}
