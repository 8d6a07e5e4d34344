package dev.coinage.core;

import java.util.Objects;

/** Validation shared by the identifier types. */
final class Ids {
    private Ids() {}

    static String check(String value, String what, int maxLength) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    what + " must be at most " + maxLength + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain control characters: index " + i);
            }
        }
        return value;
    }
}
