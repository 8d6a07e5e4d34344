package dev.coinage.pricing;

import dev.coinage.catalog.ConversionMode;
import dev.coinage.catalog.CreatorShare;
import dev.coinage.catalog.EarningsPolicy;
import dev.coinage.json.EconomyJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The shipped example definition, loaded once for the tests. */
public final class ExampleEconomy {
    /** Where the example lives, relative to the project directory the tests run in. */
    public static final Path FILE = Path.of("examples", "economy.json");

    /** An instant at which the second (current) price table and rate snapshot are in force. */
    public static final Instant NOW = Instant.parse("2025-11-25T09:00:00Z");

    private static final byte[] BYTES;
    private static final EconomyDefinition DEFINITION;

    static {
        try {
            BYTES = Files.readAllBytes(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DEFINITION = EconomyJson.read(BYTES);
    }

    private ExampleEconomy() {}

    /**
     * Returns the example's bytes.
     *
     * @return a fresh copy
     */
    public static byte[] bytes() {
        return BYTES.clone();
    }

    /**
     * Returns the loaded example.
     *
     * @return the definition
     */
    public static EconomyDefinition definition() {
        return DEFINITION;
    }

    /**
     * Returns the example with another earnings policy.
     *
     * @param numerator the creator's share, numerator
     * @param denominator the creator's share, denominator (parts per diamond)
     * @param mode the conversion mode
     * @param hold the hold window
     * @return the definition
     */
    public static EconomyDefinition withEarnings(long numerator, long denominator, ConversionMode mode, Duration hold) {
        return DEFINITION.withEarnings(new EarningsPolicy(
                new CreatorShare(numerator, denominator),
                mode,
                DEFINITION.earnings().diamondValue(),
                hold));
    }

    /**
     * Returns a quoter on the example with a clock fixed at an instant.
     *
     * @param at the clock's instant
     * @return the quoter
     */
    public static RechargeQuoter quoterAt(Instant at) {
        return RechargeQuoter.builder(DEFINITION)
                .clock(Clock.fixed(at, ZoneOffset.UTC))
                .build();
    }
}
