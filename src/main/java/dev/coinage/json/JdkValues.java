package dev.coinage.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The JDK types Coinage's records use that plain Jackson databind refuses without its jdk8 and jsr310 modules:
 * {@code Optional}, {@code OptionalLong}, and the {@code java.time} values. They are written as those modules write them
 * with dates as text — an absent optional as {@code null}, a present one as its value, times as ISO-8601 strings — so a
 * host that registers those modules too reads and writes the same JSON. Coinage does not depend on them: four small
 * adapters are less than two more jars on every host's class path.
 */
final class JdkValues {
    private JdkValues() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void register(SimpleModule module) {
        module.addSerializer(OptionalLong.class, new OptionalLongSerializer());
        module.addDeserializer(OptionalLong.class, new OptionalLongDeserializer());
        module.addSerializer((Class) Optional.class, new OptionalSerializer());
        module.addDeserializer((Class) Optional.class, new OptionalDeserializer(null));
        text(module, Instant.class, Instant::toString, Instant::parse);
        text(module, YearMonth.class, YearMonth::toString, YearMonth::parse);
        text(module, ZoneId.class, ZoneId::getId, ZoneId::of);
        text(module, Duration.class, Duration::toString, Duration::parse);
    }

    private static <T> void text(
            SimpleModule module, Class<T> type, Function<T, String> write, Function<String, T> read) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(write.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                String text = p.getText();
                try {
                    return read.apply(text);
                } catch (DateTimeException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
                }
            }
        });
    }

    private static final class OptionalLongSerializer extends JsonSerializer<OptionalLong> {
        @Override
        public void serialize(OptionalLong value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isPresent()) {
                gen.writeNumber(value.getAsLong());
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class OptionalLongDeserializer extends JsonDeserializer<OptionalLong> {
        @Override
        public OptionalLong deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (OptionalLong) ctxt.handleUnexpectedToken(OptionalLong.class, p);
            }
            return OptionalLong.of(p.getLongValue());
        }

        @Override
        public OptionalLong getNullValue(DeserializationContext ctxt) {
            return OptionalLong.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return OptionalLong.empty();
        }
    }

    private static final class OptionalSerializer extends JsonSerializer<Optional<?>> {
        @Override
        public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isPresent()) {
                provider.defaultSerializeValue(value.get(), gen);
            } else {
                gen.writeNull();
            }
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Optional<?> value) {
            return value == null || value.isEmpty();
        }
    }

    /** Reads an {@code Optional<T>} as a T or null; T comes from the property being read. */
    private static final class OptionalDeserializer extends JsonDeserializer<Optional<?>>
            implements ContextualDeserializer {
        private final JavaType content;

        OptionalDeserializer(JavaType content) {
            this.content = content;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType type = property != null ? property.getType() : ctxt.getContextualType();
            JavaType inner = type == null ? null : type.containedType(0);
            return new OptionalDeserializer(inner == null ? ctxt.constructType(Object.class) : inner);
        }

        @Override
        public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JavaType type = content == null ? ctxt.constructType(Object.class) : content;
            return Optional.ofNullable(ctxt.readValue(p, type));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext ctxt) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Optional.empty();
        }
    }
}
