package dev.coinage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the domain free of infrastructure: the domain packages never refer to an adapter package, Jackson, JDBC or
 * SLF4J, and only the JSON adapter uses Jackson, only the JDBC adapter uses JDBC. It reads the main sources and finds
 * every package-qualified name in code (imports and fully qualified uses alike), ignoring comments and strings.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final List<String> DOMAIN = List.of(
            "dev.coinage",
            "dev.coinage.catalog",
            "dev.coinage.pricing",
            "dev.coinage.ledger",
            "dev.coinage.policy",
            "dev.coinage.event",
            "dev.coinage.spi");
    private static final List<String> ADAPTERS = List.of("dev.coinage.store.", "dev.coinage.json");
    private static final List<String> INFRASTRUCTURE =
            List.of("com.fasterxml.", "java.sql.", "javax.sql.", "org.slf4j.", "org.postgresql.");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Za-z_][A-Za-z0-9_]*");

    record Reference(String pkg, Path file, String name) {}

    private static List<Reference> references() throws IOException {
        List<Reference> refs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String code = stripCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8));
                Matcher pkg = Pattern.compile("package\\s+([\\w.]+)\\s*;").matcher(code);
                assertThat(pkg.find()).as("package of %s", file).isTrue();
                Matcher m = QUALIFIED.matcher(code);
                while (m.find()) {
                    refs.add(new Reference(pkg.group(1), file, m.group()));
                }
            }
        }
        return refs;
    }

    static String stripCommentsAndStrings(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    @Test
    void theScannerSeesImportsAndQualifiedNamesButNotComments() {
        String code = "package a;\nimport java.sql.Connection; // org.slf4j.Logger\n/* com.fasterxml.X */ "
                + "class A { javax.sql.DataSource d; String s = \"org.slf4j.Y\"; }";
        String stripped = stripCommentsAndStrings(code);
        List<String> found = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(stripped);
        while (m.find()) {
            found.add(m.group());
        }
        assertThat(found).contains("java.sql.Connection", "javax.sql.DataSource");
        assertThat(found).noneMatch(n -> n.startsWith("org.slf4j") || n.startsWith("com.fasterxml"));
    }

    @Test
    void domainPackagesReferToNoAdapterJacksonJdbcOrSlf4j() throws IOException {
        List<Reference> refs = references();
        assertThat(refs).isNotEmpty();
        List<String> violations = new ArrayList<>();
        for (Reference r : refs) {
            if (!DOMAIN.contains(r.pkg())) {
                continue;
            }
            for (String banned : concat(ADAPTERS, INFRASTRUCTURE)) {
                if (r.name().startsWith(banned)) {
                    violations.add(r.file() + " uses " + r.name());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onlyTheJsonAdapterUsesJacksonAndOnlyTheJdbcAdapterUsesJdbc() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Reference r : references()) {
            if (r.name().startsWith("com.fasterxml.") && !r.pkg().startsWith("dev.coinage.json")) {
                violations.add(r.file() + " uses " + r.name());
            }
            boolean jdbc = r.name().startsWith("java.sql.") || r.name().startsWith("javax.sql.");
            if (jdbc && !r.pkg().startsWith("dev.coinage.store.jdbc")) {
                violations.add(r.file() + " uses " + r.name());
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void adaptersDoNotDependOnEachOther() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Reference r : references()) {
            for (String adapter : List.of("dev.coinage.store.memory", "dev.coinage.store.jdbc", "dev.coinage.json")) {
                if (r.pkg().startsWith("dev.coinage.store.") || r.pkg().startsWith("dev.coinage.json")) {
                    if (r.name().startsWith(adapter) && !r.pkg().startsWith(adapter)) {
                        violations.add(r.file() + " uses " + r.name());
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
