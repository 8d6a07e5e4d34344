package dev.coinage.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.TaxDisplay;
import dev.coinage.core.UserId;
import dev.coinage.pricing.FxRate;
import dev.coinage.pricing.QuoteId;
import dev.coinage.pricing.RechargeQuote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/**
 * The JSON shape of a {@link RechargeQuote}. Decimals that are not amounts (tax rate, rate factor) are strings, so that
 * their scale survives any mapper configuration; amounts are written by Jackson's Moneta module.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "id",
    "user",
    "channel",
    "storeFeeRate",
    "package",
    "paidCoins",
    "bonusCoins",
    "region",
    "net",
    "tax",
    "gross",
    "storeFee",
    "platformNet",
    "taxRate",
    "taxDisplay",
    "tableVersion",
    "rate",
    "quotedAt",
    "expiresAt"
})
record QuoteJson(
        String id,
        String user,
        String channel,
        String storeFeeRate,
        @com.fasterxml.jackson.annotation.JsonProperty("package") String packageId,
        Long paidCoins,
        Long bonusCoins,
        String region,
        MonetaryAmount net,
        MonetaryAmount tax,
        MonetaryAmount gross,
        MonetaryAmount storeFee,
        MonetaryAmount platformNet,
        String taxRate,
        String taxDisplay,
        String tableVersion,
        RateJson rate,
        String quotedAt,
        String expiresAt,
        String seal) {

    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonPropertyOrder({"base", "term", "factor", "asOf", "source"})
    record RateJson(String base, String term, String factor, String asOf, String source) {
        static RateJson of(FxRate rate) {
            return new RateJson(
                    rate.base().getCurrencyCode(),
                    rate.term().getCurrencyCode(),
                    rate.factor().toString(),
                    rate.asOf().toString(),
                    rate.source());
        }

        FxRate toRate(MonetaryAmount gross) {
            CurrencyUnit termUnit = gross.getCurrency();
            if (!termUnit.getCurrencyCode().equals(required(term, "rate.term"))) {
                throw new IllegalArgumentException("rate.term " + term + " is not the quote's currency " + termUnit);
            }
            return toRate(termUnit);
        }

        FxRate toRate() {
            return toRate(Monetary.getCurrency(required(term, "rate.term")));
        }

        private FxRate toRate(CurrencyUnit termUnit) {
            // Deserialization is not on the quoting path, so a registry lookup per currency code is acceptable here.
            CurrencyUnit baseUnit = Monetary.getCurrency(required(base, "rate.base"));
            return new FxRate(
                    baseUnit,
                    termUnit,
                    new BigDecimal(required(factor, "rate.factor")),
                    Instant.parse(required(asOf, "rate.asOf")),
                    required(source, "rate.source"));
        }
    }

    static QuoteJson of(RechargeQuote q) {
        return new QuoteJson(
                q.id().value(),
                q.user().value(),
                q.channel().value(),
                q.storeFeeRate().toString(),
                q.packageId().map(PackageId::value).orElse(null),
                q.paidCoins(),
                q.bonusCoins(),
                q.region().code(),
                q.net(),
                q.tax(),
                q.gross(),
                q.storeFee(),
                q.platformNet(),
                q.taxRate().toString(),
                q.taxDisplay().name().toLowerCase(Locale.ROOT),
                q.tableVersion().toString(),
                q.rate().map(RateJson::of).orElse(null),
                q.quotedAt().toString(),
                q.expiresAt().toString(),
                q.seal().orElse(null));
    }

    RechargeQuote toQuote() {
        MonetaryAmount grossAmount = required(gross, "gross");
        RechargeQuote quote = new RechargeQuote(
                QuoteId.of(required(id, "id")),
                UserId.of(required(user, "user")),
                ChannelId.of(required(channel, "channel")),
                new BigDecimal(required(storeFeeRate, "storeFeeRate")),
                Optional.ofNullable(packageId).map(PackageId::of),
                required(paidCoins, "paidCoins"),
                required(bonusCoins, "bonusCoins"),
                Region.of(required(region, "region")),
                required(net, "net"),
                required(tax, "tax"),
                grossAmount,
                new BigDecimal(required(taxRate, "taxRate")),
                display(required(taxDisplay, "taxDisplay")),
                Instant.parse(required(tableVersion, "tableVersion")),
                Optional.ofNullable(rate).map(r -> r.toRate(grossAmount)),
                Instant.parse(required(quotedAt, "quotedAt")),
                Instant.parse(required(expiresAt, "expiresAt")),
                Optional.ofNullable(seal));
        // The platform's figures are derived, written for readers; when present they must be the derived ones.
        derived(storeFee, quote.storeFee(), "storeFee");
        derived(platformNet, quote.platformNet(), "platformNet");
        return quote;
    }

    private static void derived(MonetaryAmount given, MonetaryAmount expected, String field) {
        if (given != null && (!given.getCurrency().equals(expected.getCurrency()) || !given.isEqualTo(expected))) {
            throw new IllegalArgumentException(field + " must be " + expected + " (derived), not " + given);
        }
    }

    private static TaxDisplay display(String text) {
        switch (text) {
            case "inclusive":
                return TaxDisplay.INCLUSIVE;
            case "exclusive":
                return TaxDisplay.EXCLUSIVE;
            default:
                throw new IllegalArgumentException("taxDisplay must be 'inclusive' or 'exclusive': " + text);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
