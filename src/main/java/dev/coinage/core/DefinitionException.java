package dev.coinage.core;

import java.util.Objects;

/**
 * Thrown when an economy definition cannot be loaded. {@link #path()} names the offending field, such as
 * {@code priceTables[0].channels.web.packages[3].prices.EUR}, and {@link #reason()} says what is wrong with it, such as
 * {@code negative}. Nothing of a definition that failed to load is usable.
 */
public final class DefinitionException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param path the path of the bad field, {@code $} for the document itself, not null
     * @param reason why the field is refused, not null
     */
    public DefinitionException(String path, String reason) {
        super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(reason, "reason"));
        this.path = path;
        this.reason = reason;
    }

    /**
     * Returns the path of the bad field.
     *
     * @return the path, never null
     */
    public String path() {
        return path;
    }

    /**
     * Returns why the field was refused.
     *
     * @return the reason, never null
     */
    public String reason() {
        return reason;
    }
}
