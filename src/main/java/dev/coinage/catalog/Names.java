package dev.coinage.catalog;

import java.util.Objects;

/** Validation shared by the catalogue's identifiers. */
final class Names {
    static final int MAX_LENGTH = 64;

    private Names() {}

    /** Accepts lower- and upper-case ASCII letters, digits, '-', '_' and '.', which keeps ids safe in paths and URLs. */
    static String check(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    what + " must be at most " + MAX_LENGTH + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.';
            if (!ok) {
                throw new IllegalArgumentException(
                        what + " may only contain letters, digits, '-', '_' and '.': index " + i);
            }
        }
        return value;
    }
}
