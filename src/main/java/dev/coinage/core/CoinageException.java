package dev.coinage.core;

/**
 * Base of every business failure Coinage reports: a request that is well formed but cannot be carried out in the
 * current state of the economy (not enough coins, a limit reached, an expired quote...). Each subclass carries the
 * values a caller needs to explain the failure to a user.
 *
 * <p>A method that throws a {@code CoinageException} has changed nothing. Programming errors (a null argument, a
 * negative count) are reported with {@link NullPointerException} and {@link IllegalArgumentException} instead.
 */
public abstract class CoinageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message the detail message, naming the values involved
     */
    protected CoinageException(String message) {
        super(message);
    }
}
