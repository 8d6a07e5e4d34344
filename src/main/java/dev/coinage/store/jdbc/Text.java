package dev.coinage.store.jdbc;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes string maps (transaction attributes) as one text column: each string as {@code length:chars;}, names and
 * values alternating, sorted by name. Unambiguous for any content, and readable in a SQL console.
 */
final class Text {
    private Text() {}

    static String encode(Map<String, String> map) {
        StringBuilder out = new StringBuilder(map.size() * 16);
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            append(out, e.getKey());
            append(out, e.getValue());
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String s) {
        out.append(s.length()).append(':').append(s).append(';');
    }

    static Map<String, String> decode(String text) {
        if (text.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> map = new TreeMap<>();
        int[] at = {0};
        while (at[0] < text.length()) {
            String name = next(text, at);
            String value = next(text, at);
            map.put(name, value);
        }
        return map;
    }

    private static String next(String text, int[] at) {
        int colon = text.indexOf(':', at[0]);
        if (colon < 0) {
            throw new IllegalStateException("malformed attribute text at " + at[0]);
        }
        int length = Integer.parseInt(text, at[0], colon, 10);
        int start = colon + 1;
        int end = start + length;
        if (end >= text.length() || text.charAt(end) != ';') {
            throw new IllegalStateException("malformed attribute text at " + at[0]);
        }
        at[0] = end + 1;
        return text.substring(start, end);
    }
}
