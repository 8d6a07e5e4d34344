package dev.coinage.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.moneta.MonetaMoneyModule;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.Coins;
import dev.coinage.core.Diamonds;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.pricing.FxRate;
import dev.coinage.pricing.QuoteId;
import dev.coinage.pricing.RechargeQuote;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Jackson support for Coinage's public value types and quotes. Register it on an {@code ObjectMapper}:
 *
 * <pre>{@code
 * ObjectMapper mapper = JsonMapper.builder().addModule(new CoinageModule()).build();
 * String json = mapper.writeValueAsString(quote);
 * RechargeQuote back = mapper.readValue(json, RechargeQuote.class);
 * }</pre>
 *
 * <p>Ids and regions are JSON strings, coins and diamonds JSON numbers, an {@link FxRate} an object with its factor as a
 * string, and a {@link RechargeQuote} an object whose
 * amounts are written by Jackson's own Moneta module ({@code jackson-datatype-moneta}), which this module registers
 * as a dependency, configured for {@code org.javamoney.moneta.Money} and without locale formatting (formatting would
 * look up a Moneta format for every amount). A value the domain refuses is reported as a Jackson mapping error.
 *
 * <p>Every public record Coinage returns or reports — receipts, refund results, cash-out quotes, payouts, statements,
 * earnings, events, outbox messages — goes to JSON and back unchanged. For the JDK types inside them the module writes
 * what Jackson's jdk8 and jsr310 modules write with dates as text: an empty {@code Optional} or {@code OptionalLong} as
 * {@code null}, {@code Instant}, {@code YearMonth}, {@code ZoneId} and {@code Duration} as ISO-8601 strings; those
 * modules are not needed, and a host that registers them gets the same JSON.
 *
 * <p>The jar names the module in {@code META-INF/services} (and in its module descriptor), so
 * {@code ObjectMapper.findAndRegisterModules()} finds it.
 */
public final class CoinageModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** Creates the module. */
    public CoinageModule() {
        super("CoinageModule", Version.unknownVersion());
        addText(UserId.class, UserId::value, UserId::of);
        addText(IdempotencyKey.class, IdempotencyKey::value, IdempotencyKey::of);
        addText(ChannelId.class, ChannelId::value, ChannelId::of);
        addText(PackageId.class, PackageId::value, PackageId::of);
        addText(GiftId.class, GiftId::value, GiftId::of);
        addText(Region.class, Region::code, Region::of);
        addText(QuoteId.class, QuoteId::value, QuoteId::of);
        addWhole(Coins.class, Coins::amount, Coins::of);
        addWhole(Diamonds.class, Diamonds::amount, Diamonds::of);
        addSerializer(FxRate.class, new RateSerializer());
        addDeserializer(FxRate.class, new RateDeserializer());
        addSerializer(RechargeQuote.class, new QuoteSerializer());
        addDeserializer(RechargeQuote.class, new QuoteDeserializer());
        JdkValues.register(this);
    }

    /**
     * Returns Jackson's Moneta module, configured for {@code Money} amounts without formatting.
     *
     * @return the modules this one needs, never null
     */
    @Override
    public Iterable<? extends Module> getDependencies() {
        return List.of(new MonetaMoneyModule().withMoney().withoutFormatting());
    }

    private <T> void addText(Class<T> type, Function<T, String> write, Function<String, T> read) {
        addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(write.apply(value));
            }
        });
        addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                String text = p.getText();
                try {
                    return read.apply(text);
                } catch (IllegalArgumentException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
                }
            }
        });
    }

    private <T> void addWhole(Class<T> type, ToLongFunction<T> write, LongFunction<T> read) {
        addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(write.applyAsLong(value));
            }
        });
        addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                return read.apply(p.getLongValue());
            }
        });
    }

    private static final class RateSerializer extends JsonSerializer<FxRate> {
        @Override
        public void serialize(FxRate rate, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(QuoteJson.RateJson.of(rate), gen);
        }
    }

    private static final class RateDeserializer extends JsonDeserializer<FxRate> {
        @Override
        public FxRate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            QuoteJson.RateJson dto = ctxt.readValue(p, QuoteJson.RateJson.class);
            try {
                return dto.toRate();
            } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
                throw JsonMappingException.from(p, "invalid exchange rate: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw JsonMappingException.from(p, "invalid exchange rate: " + e, e);
            }
        }
    }

    private static final class QuoteSerializer extends JsonSerializer<RechargeQuote> {
        @Override
        public void serialize(RechargeQuote quote, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(QuoteJson.of(quote), gen);
        }
    }

    private static final class QuoteDeserializer extends JsonDeserializer<RechargeQuote> {
        @Override
        public RechargeQuote deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            QuoteJson dto = ctxt.readValue(p, QuoteJson.class);
            try {
                return dto.toQuote();
            } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
                throw JsonMappingException.from(p, "invalid recharge quote: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // An unknown currency code from Moneta's registry, for instance.
                throw JsonMappingException.from(p, "invalid recharge quote: " + e, e);
            }
        }
    }
}
