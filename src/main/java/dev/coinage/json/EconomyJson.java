package dev.coinage.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coinage.core.DefinitionException;
import dev.coinage.pricing.EconomyDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Loads an economy definition from JSON (the format is described in {@code docs/pricing.md}; {@code
 * examples/economy.json} is a complete example). Unknown fields, duplicate keys and trailing content are refused;
 * every problem is reported as a {@link DefinitionException} naming the path of the bad field and why, such as {@code
 * priceTables[0].channels.web.packages[3].prices.EUR: negative}. Nothing is returned unless the whole document is
 * valid.
 *
 * <p>This class is thread-safe.
 */
public final class EconomyJson {
    /** The largest document accepted, in bytes. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EconomyJson() {}

    /**
     * Loads a definition from UTF-8 bytes.
     *
     * @param json the document, not null
     * @return the definition, never null
     * @throws DefinitionException if the document is malformed or breaks a rule of the format
     */
    public static EconomyDefinition read(byte[] json) {
        Objects.requireNonNull(json, "json");
        if (json.length > MAX_BYTES) {
            throw new DefinitionException("$", "larger than " + MAX_BYTES + " bytes");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DefinitionException(pathOf(e), "malformed JSON: " + e.getOriginalMessage() + location(e));
        } catch (IOException | RuntimeException e) {
            // Jackson reports some broken encodings and number formats as plain I/O or runtime exceptions.
            throw new DefinitionException("$", "malformed JSON: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new DefinitionException("$", "empty document");
        }
        return new DefinitionReader().read(Node.root(tree));
    }

    /**
     * Loads a definition from a string.
     *
     * @param json the document, not null
     * @return the definition, never null
     * @throws DefinitionException if the document is malformed or breaks a rule of the format
     */
    public static EconomyDefinition read(String json) {
        return read(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads a definition from a stream, which is read to its end but not closed.
     *
     * @param in the stream of UTF-8 JSON, not null
     * @return the definition, never null
     * @throws IOException if the stream cannot be read
     * @throws DefinitionException if the document is malformed or breaks a rule of the format
     */
    public static EconomyDefinition read(InputStream in) throws IOException {
        byte[] bytes = Objects.requireNonNull(in, "in").readNBytes(MAX_BYTES + 1);
        return read(bytes);
    }

    /**
     * Loads a definition from a file.
     *
     * @param file the UTF-8 JSON file, not null
     * @return the definition, never null
     * @throws IOException if the file cannot be read
     * @throws DefinitionException if the document is malformed or breaks a rule of the format
     */
    public static EconomyDefinition read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(Objects.requireNonNull(file, "file"))) {
            return read(in);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    /** The document path where parsing stopped, in the same notation as every other error. */
    private static String pathOf(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser)) {
            return "$";
        }
        JsonStreamContext context = ((JsonParser) e.getProcessor()).getParsingContext();
        ArrayDeque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "";
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path = Node.elementPath(path, Math.max(0, c.getCurrentIndex()));
            } else if (c.inObject() && c.getCurrentName() != null) {
                path = Node.childPath(path, c.getCurrentName());
            }
        }
        return path.isEmpty() ? "$" : path;
    }
}
