package dev.coinage.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain packages ({@code dev.coinage.core}, {@code dev.coinage.catalog}, {@code dev.coinage.pricing}) never import
 * Jackson, JDBC, SLF4J, the JSON adapter or a store; only {@code dev.coinage.json} uses Jackson.
 */
class DomainIndependenceTest {
    private static final Path MAIN = Path.of("src", "main", "java", "dev", "coinage");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> FORBIDDEN =
            List.of("com.fasterxml", "java.sql", "javax.sql", "org.slf4j", "dev.coinage.json", "dev.coinage.store");

    private static List<Path> sources(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> violations(List<Path> files) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(2);
                for (String prefix : FORBIDDEN) {
                    if (imported.startsWith(prefix)) {
                        found.add(file + " imports " + imported);
                    }
                }
            }
            for (String prefix : FORBIDDEN) {
                if (text.replaceAll("(?m)^import .*$", "").contains(prefix + ".")) {
                    found.add(file + " names " + prefix + " inline");
                }
            }
        }
        return found;
    }

    @Test
    void theDomainPackagesNeverSeeJacksonJdbcLoggingOrAdapters() throws IOException {
        List<Path> files = new ArrayList<>(sources(MAIN.resolve("core"), true));
        files.addAll(sources(MAIN.resolve("catalog"), true));
        files.addAll(sources(MAIN.resolve("pricing"), true));

        assertThat(files).hasSizeGreaterThan(40);
        assertThat(violations(files)).isEmpty();
    }

    @Test
    void theCheckFindsAForbiddenImport(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bad = dir.resolve("Bad.java");
        Files.writeString(bad, "package x;\nimport com.fasterxml.jackson.databind.ObjectMapper;\nclass Bad {}\n");

        assertThat(violations(List.of(bad))).hasSize(1);
    }
}
