package dev.coinage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.GiftId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.core.Coins;
import dev.coinage.core.Diamonds;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.pricing.ExampleEconomy;
import dev.coinage.pricing.FxRate;
import dev.coinage.pricing.QuoteId;
import dev.coinage.pricing.RechargeQuote;
import java.math.BigDecimal;
import java.util.List;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

class CoinageModuleTest {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().addModule(new CoinageModule()).build();

    private static RechargeQuote euroQuote() {
        return ExampleEconomy.quoterAt(ExampleEconomy.NOW)
                .quotePackage(
                        UserId.of("viewer-ana"),
                        ChannelId.WEB,
                        PackageId.of("web-350"),
                        ExampleEconomy.definition().currency("EUR").orElseThrow(),
                        Region.of("DE"));
    }

    @Test
    void valueTypesAreWrittenAsPlainStringsAndNumbers() throws Exception {
        assertThat(MAPPER.writeValueAsString(List.of(
                        UserId.of("ana"),
                        IdempotencyKey.of("psp-1"),
                        ChannelId.WEB,
                        PackageId.of("web-70"),
                        GiftId.of("rose"),
                        Region.of("KR"),
                        QuoteId.of("q-1"))))
                .isEqualTo("[\"ana\",\"psp-1\",\"web\",\"web-70\",\"rose\",\"KR\",\"q-1\"]");
        assertThat(MAPPER.writeValueAsString(List.of(Coins.of(70), Diamonds.of(35))))
                .isEqualTo("[70,35]");
    }

    @Test
    void valueTypesAreReadBack() throws Exception {
        assertThat(MAPPER.readValue("\"ana\"", UserId.class)).isEqualTo(UserId.of("ana"));
        assertThat(MAPPER.readValue("\"web\"", ChannelId.class)).isSameAs(ChannelId.WEB);
        assertThat(MAPPER.readValue("\"KR\"", Region.class)).isEqualTo(Region.of("KR"));
        assertThat(MAPPER.readValue("70", Coins.class)).isEqualTo(Coins.of(70));
        assertThat(MAPPER.readValue("-5", Diamonds.class)).isEqualTo(Diamonds.of(-5));
        assertThat(MAPPER.readValue("\"rose\"", GiftId.class)).isEqualTo(GiftId.of("rose"));
    }

    @Test
    void valuesTheDomainRefusesAreMappingErrors() {
        assertThatThrownBy(() -> MAPPER.readValue("\"korea\"", Region.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("two upper-case letters");
        assertThatThrownBy(() -> MAPPER.readValue("\"\"", UserId.class)).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("1.5", Coins.class)).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("7", ChannelId.class)).isInstanceOf(JsonMappingException.class);
    }

    @Test
    void aQuoteIsWrittenWithMonetaAmountsAndExactDecimals() throws Exception {
        RechargeQuote quote = euroQuote();

        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(quote));

        assertThat(json.get("package").asText()).isEqualTo("web-350");
        assertThat(json.get("gross").get("amount").decimalValue()).isEqualByComparingTo("3.99");
        assertThat(json.get("gross").get("currency").asText()).isEqualTo("EUR");
        assertThat(json.get("gross").has("formatted")).isFalse();
        assertThat(json.get("taxRate").asText()).isEqualTo("0.19");
        assertThat(json.get("taxDisplay").asText()).isEqualTo("inclusive");
        assertThat(json.get("rate").get("factor").asText()).isEqualTo("0.862");
        assertThat(json.get("tableVersion").asText()).isEqualTo("2025-11-01T00:00:00Z");
        assertThat(json.get("storeFee").get("amount").decimalValue())
                .isEqualByComparingTo(quote.storeFee().getNumber().numberValue(BigDecimal.class));
        assertThat(json.get("platformNet").get("amount").decimalValue())
                .isEqualByComparingTo(quote.platformNet().getNumber().numberValue(BigDecimal.class));
    }

    @Test
    void aQuotesPlatformFiguresMustBeTheDerivedOnes() throws Exception {
        RechargeQuote quote = euroQuote();
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(quote));
        assertThat(MAPPER.treeToValue(json, RechargeQuote.class)).isEqualTo(quote);

        ((ObjectNode) json.get("storeFee")).put("amount", new BigDecimal("0.01"));

        assertThatThrownBy(() -> MAPPER.treeToValue(json, RechargeQuote.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("storeFee");
    }

    @Test
    void aMonetaryAmountUsesJacksonsMonetaModule() throws Exception {
        MonetaryAmount amount = Money.of(new BigDecimal("0.005"), "USD");

        String json = MAPPER.writeValueAsString(amount);

        assertThat(json).isEqualTo("{\"amount\":0.005,\"currency\":\"USD\"}");
        assertThat(MAPPER.readValue(json, MonetaryAmount.class)).isEqualTo(amount);
    }

    @Test
    void anExchangeRateRoundTrips() throws Exception {
        FxRate rate = euroQuote().rate().orElseThrow();

        String json = MAPPER.writeValueAsString(rate);

        assertThat(json)
                .isEqualTo("{\"base\":\"USD\",\"term\":\"EUR\",\"factor\":\"0.862\",\"asOf\":\"2025-11-01T00:00:00Z\","
                        + "\"source\":\"definition\"}");
        assertThat(MAPPER.readValue(json, FxRate.class)).isEqualTo(rate);
        assertThatThrownBy(() -> MAPPER.readValue(json.replace("0.862", "-1"), FxRate.class))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void anInconsistentQuoteIsRefusedWhenRead() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(euroQuote()));
        ((ObjectNode) json.get("gross")).put("amount", 1);

        assertThatThrownBy(() -> MAPPER.treeToValue(json, RechargeQuote.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("net + tax = gross");
    }

    @Test
    void unknownQuoteFieldsAreRefused() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(euroQuote()));
        json.put("discount", "100%");

        assertThatThrownBy(() -> MAPPER.treeToValue(json, RechargeQuote.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("discount");
    }

    @Test
    void aQuoteWithAMissingFieldIsRefused() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(euroQuote()));
        json.remove("expiresAt");

        assertThatThrownBy(() -> MAPPER.treeToValue(json, RechargeQuote.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("expiresAt is required");
    }
}
