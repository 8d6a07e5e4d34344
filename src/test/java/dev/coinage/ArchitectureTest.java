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
            "dev.coinage.core",
            "dev.coinage.catalog",
            "dev.coinage.pricing",
            "dev.coinage.ledger",
            "dev.coinage.policy",
            "dev.coinage.event",
            "dev.coinage.recharge",
            "dev.coinage.gift",
            "dev.coinage.earnings",
            "dev.coinage.spi");
    private static final List<String> ADAPTERS = List.of("dev.coinage.store.", "dev.coinage.json");
    private static final List<String> INFRASTRUCTURE =
            List.of("com.fasterxml.", "java.sql.", "javax.sql.", "org.slf4j.", "org.postgresql.");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Za-z_][A-Za-z0-9_]*");

    record Reference(String pkg, Path file, String name) {}

    private static List<Reference> references() throws IOException {
        List<Reference> refs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : (Iterable<Path>)
                    files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"))::iterator) {
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

    /**
     * The layers from the bottom up: a package may refer only to packages of its own layer or below, and packages of
     * one layer not to each other. The front door sits above the domain and may pick the in-memory store as its
     * default; adapters sit beside it and implement the ports.
     */
    private static final List<List<String>> LAYERS = List.of(
            List.of("dev.coinage.core"),
            List.of("dev.coinage.catalog"),
            List.of("dev.coinage.ledger", "dev.coinage.policy"),
            List.of("dev.coinage.pricing"),
            List.of("dev.coinage.spi"),
            List.of("dev.coinage.engine"),
            List.of("dev.coinage.recharge"),
            List.of("dev.coinage.gift"),
            List.of("dev.coinage.earnings"),
            List.of("dev.coinage.testing"),
            List.of("dev.coinage.event"),
            List.of("dev.coinage.store.memory", "dev.coinage.store.jdbc", "dev.coinage.json"),
            List.of("dev.coinage"));

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    /** The package part of a qualified name that refers to a Coinage type, or null. */
    private static String coinagePackage(String name) {
        if (!name.startsWith("dev.coinage.")) {
            return null;
        }
        String[] parts = name.split("\\.");
        StringBuilder pkg = new StringBuilder("dev.coinage");
        for (int i = 2; i < parts.length; i++) {
            if (Character.isUpperCase(parts[i].charAt(0))) {
                return pkg.toString();
            }
            pkg.append('.').append(parts[i]);
        }
        return null;
    }

    @Test
    void everyMainPackageHasALayer() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Reference r : references()) {
            if (layer(r.pkg()) < 0 && !unknown.contains(r.pkg())) {
                unknown.add(r.pkg());
            }
        }
        assertThat(unknown).as("packages missing from LAYERS").isEmpty();
    }

    @Test
    void packagesReferOnlyToLowerLayersSoThereAreNoCycles() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Reference r : references()) {
            String target = coinagePackage(r.name());
            if (target == null || target.equals(r.pkg())) {
                continue;
            }
            int from = layer(r.pkg());
            int to = layer(target);
            if (to < 0 || to >= from) {
                violations.add(r.file() + " (" + r.pkg() + ") uses " + r.name());
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theModuleExportsEveryPackageButTheEngine() throws IOException {
        String descriptor = Files.readString(MAIN.resolve("module-info.java"), StandardCharsets.UTF_8);
        List<String> exported = new ArrayList<>();
        Matcher m = Pattern.compile("exports\\s+([\\w.]+)\\s*;").matcher(descriptor);
        while (m.find()) {
            exported.add(m.group(1));
        }
        List<String> packages = new ArrayList<>();
        for (Reference r : references()) {
            if (!packages.contains(r.pkg())) {
                packages.add(r.pkg());
            }
        }
        assertThat(exported).doesNotContain("dev.coinage.engine");
        packages.remove("dev.coinage.engine");
        assertThat(exported).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void theLayerCheckSeesAnUpwardReference() {
        assertThat(coinagePackage("dev.coinage.gift.Gifting")).isEqualTo("dev.coinage.gift");
        assertThat(coinagePackage("dev.coinage.Coinage")).isEqualTo("dev.coinage");
        assertThat(coinagePackage("dev.coinage.ledger.AccountId.userCoins")).isEqualTo("dev.coinage.ledger");
        assertThat(layer("dev.coinage.recharge")).isLessThan(layer("dev.coinage.gift"));
        assertThat(layer("dev.coinage.core")).isZero();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
