package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.TaxDisplay;
import dev.coinage.core.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import javax.money.MonetaryAmount;

/** A mutable copy of a quote's fields, to build altered quotes in tests. */
final class QuoteCopy {
    QuoteId id;
    UserId user;
    ChannelId channel;
    BigDecimal storeFeeRate;
    Optional<PackageId> packageId;
    long paidCoins;
    long bonusCoins;
    Region region;
    MonetaryAmount net;
    MonetaryAmount tax;
    MonetaryAmount gross;
    BigDecimal taxRate;
    TaxDisplay taxDisplay;
    Instant tableVersion;
    Optional<FxRate> rate;
    Instant quotedAt;
    Instant expiresAt;
    Optional<String> seal;

    QuoteCopy(RechargeQuote q) {
        id = q.id();
        user = q.user();
        channel = q.channel();
        storeFeeRate = q.storeFeeRate();
        packageId = q.packageId();
        paidCoins = q.paidCoins();
        bonusCoins = q.bonusCoins();
        region = q.region();
        net = q.net();
        tax = q.tax();
        gross = q.gross();
        taxRate = q.taxRate();
        taxDisplay = q.taxDisplay();
        tableVersion = q.tableVersion();
        rate = q.rate();
        quotedAt = q.quotedAt();
        expiresAt = q.expiresAt();
        seal = q.seal();
    }

    RechargeQuote build() {
        return new RechargeQuote(
                id,
                user,
                channel,
                storeFeeRate,
                packageId,
                paidCoins,
                bonusCoins,
                region,
                net,
                tax,
                gross,
                taxRate,
                taxDisplay,
                tableVersion,
                rate,
                quotedAt,
                expiresAt,
                seal);
    }
}
