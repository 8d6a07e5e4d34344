package dev.coinage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickStartTest {
    @Test
    void theQuickStartBuysCoinsSendsAGiftAndReleasesTheCreatorsDiamonds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(before);
        }
        // 700 web coins, a 100-coin Hand Hearts sent; at a 1/2 share the creator holds 50 diamonds after release.
        assertThat(out.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("viewer-1: 600 coins, creator-1: 50 diamonds");
    }

    @Test
    void theReadmeQuickStartIsTheCompiledExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String example =
                Files.readString(Path.of("examples/java/dev/coinage/examples/QuickStart.java"), StandardCharsets.UTF_8);
        String body = example.substring(example.indexOf("public final class QuickStart"));
        assertThat(readme).contains(body.strip());
        long lines = body.strip().lines().count();
        assertThat(lines).as("quick start lines").isLessThanOrEqualTo(30);
        long coinageTypes =
                example.lines().filter(l -> l.startsWith("import dev.coinage.")).count();
        assertThat(coinageTypes).as("Coinage types in the quick start").isLessThanOrEqualTo(12);
    }
}
