package dev.coinage.pricing;

import dev.coinage.catalog.ChannelId;
import dev.coinage.catalog.PackageId;
import dev.coinage.catalog.Region;
import dev.coinage.catalog.TaxDisplay;
import dev.coinage.core.UserId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * What a viewer pays for coins, fixed at one instant: the coins credited (paid and bonus), the net price, tax and gross
 * amount charged, and everything needed to explain and re-derive those figures — the price table version, the
 * exchange rate and its timestamp if the price was derived, the tax rule — plus an expiry. Make one with {@link
 * RechargeQuoter}; check one before charging with {@link RechargeQuoter#verify(RechargeQuote)}, which refuses an
 * expired or altered quote.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param id the quote's id, not null
 * @param user the buyer, not null
 * @param channel the channel sold on, not null
 * @param storeFeeRate the channel's store or payment-processor fee rate when the quote was made, for reporting, not
 *     null
 * @param packageId the fixed package bought, empty for a custom amount, not null
 * @param paidCoins the coins paid for, positive
 * @param bonusCoins the bonus coins on top, zero or positive
 * @param region the buyer's region, whose tax applies, not null
 * @param net the price before tax, positive, not null
 * @param tax the tax, zero or positive, same currency as {@code net}, not null
 * @param gross the amount charged, {@code net + tax}, not null
 * @param taxRate the tax rate applied, not null
 * @param taxDisplay whether the price point shown included the tax, not null
 * @param tableVersion the effective-from instant of the price table used, not null
 * @param rate the exchange rate used to derive the price, empty if the currency had an explicit price, not null
 * @param quotedAt the instant the quote was made, not null
 * @param expiresAt the first instant the quote can no longer be executed, after {@code quotedAt}, not null
 * @param seal the host-keyed MAC over every other field (Base64url), empty if the quoter that made the quote has no
 *     sealing key, not null
 */
public record RechargeQuote(
        QuoteId id,
        UserId user,
        ChannelId channel,
        BigDecimal storeFeeRate,
        Optional<PackageId> packageId,
        long paidCoins,
        long bonusCoins,
        Region region,
        MonetaryAmount net,
        MonetaryAmount tax,
        MonetaryAmount gross,
        BigDecimal taxRate,
        TaxDisplay taxDisplay,
        Instant tableVersion,
        Optional<FxRate> rate,
        Instant quotedAt,
        Instant expiresAt,
        Optional<String> seal) {
    /**
     * Creates a quote and checks that its figures are consistent.
     *
     * @param id the quote's id, not null
     * @param user the buyer, not null
     * @param channel the channel, not null
     * @param storeFeeRate the channel's fee rate, not null
     * @param packageId the package, empty for a custom amount, not null
     * @param paidCoins the coins paid for, positive
     * @param bonusCoins the bonus coins, zero or positive
     * @param region the buyer's region, not null
     * @param net the price before tax, positive
     * @param tax the tax, zero or positive
     * @param gross the amount charged, {@code net + tax}
     * @param taxRate the tax rate, not null
     * @param taxDisplay the tax display, not null
     * @param tableVersion the price table version, not null
     * @param rate the exchange rate used, not null
     * @param quotedAt when the quote was made, not null
     * @param expiresAt when it expires, after {@code quotedAt}
     * @param seal the MAC over the other fields, or empty, not null
     * @throws IllegalArgumentException if the figures are inconsistent: counts out of range, currencies differing,
     *     {@code net + tax != gross}, a rate to another currency, or an expiry not after the quote
     */
    public RechargeQuote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(storeFeeRate, "storeFeeRate");
        Objects.requireNonNull(packageId, "packageId");
        if (paidCoins <= 0) {
            throw new IllegalArgumentException("paidCoins must be positive: " + paidCoins);
        }
        if (bonusCoins < 0) {
            throw new IllegalArgumentException("bonusCoins must not be negative: " + bonusCoins);
        }
        Math.addExact(paidCoins, bonusCoins);
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(gross, "gross");
        String code = gross.getCurrency().getCurrencyCode();
        if (!net.getCurrency().getCurrencyCode().equals(code)
                || !tax.getCurrency().getCurrencyCode().equals(code)) {
            throw new IllegalArgumentException(
                    "net, tax and gross must share one currency: " + net + ", " + tax + ", " + gross);
        }
        BigDecimal n = number(net);
        BigDecimal t = number(tax);
        if (n.signum() <= 0 || t.signum() < 0 || n.add(t).compareTo(number(gross)) != 0) {
            throw new IllegalArgumentException(
                    "need net > 0, tax >= 0 and net + tax = gross: " + net + " + " + tax + " = " + gross);
        }
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(taxDisplay, "taxDisplay");
        Objects.requireNonNull(tableVersion, "tableVersion");
        Objects.requireNonNull(rate, "rate");
        rate.ifPresent(r -> {
            if (!r.term().getCurrencyCode().equals(code)) {
                throw new IllegalArgumentException("rate " + r + " does not convert to " + code);
            }
        });
        Objects.requireNonNull(quotedAt, "quotedAt");
        if (!Objects.requireNonNull(expiresAt, "expiresAt").isAfter(quotedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after quotedAt " + quotedAt);
        }
        Objects.requireNonNull(seal, "seal");
        if (seal.isPresent() && (seal.get().isEmpty() || seal.get().length() > 128)) {
            throw new IllegalArgumentException("a seal must be 1 to 128 characters");
        }
    }

    private static BigDecimal number(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    /**
     * Returns the coins credited when the quote is paid: paid plus bonus.
     *
     * @return the total coins
     */
    public long totalCoins() {
        return paidCoins + bonusCoins;
    }

    /**
     * Returns the currency charged in.
     *
     * @return the currency, never null
     */
    public CurrencyUnit currency() {
        return gross.getCurrency();
    }

    /**
     * Returns the price the viewer was shown: the gross amount where prices include tax, the net price where tax is
     * added at checkout.
     *
     * @return the displayed price, never null
     */
    public MonetaryAmount displayedPrice() {
        return taxDisplay == TaxDisplay.INCLUSIVE ? gross : net;
    }

    /**
     * Returns what the channel's store or payment processor keeps: the net price (before tax) times
     * {@link #storeFeeRate}, rounded half up to the currency's minor unit.
     *
     * @return the store fee, zero or positive, in the quote's currency, never null
     */
    public MonetaryAmount storeFee() {
        BigDecimal fee = number(net)
                .multiply(storeFeeRate)
                .setScale(gross.getCurrency().getDefaultFractionDigits(), RoundingMode.HALF_UP);
        return Money.of(fee, gross.getCurrency());
    }

    /**
     * Returns the platform's net revenue from the quote: the gross amount less the tax (remitted to the tax
     * authority) and less the {@link #storeFee}, i.e. {@code net - storeFee}. Creators' shares are paid out of it.
     *
     * @return the platform's net revenue, in the quote's currency, never null
     */
    public MonetaryAmount platformNet() {
        return Money.of(number(net).subtract(number(storeFee())), gross.getCurrency());
    }

    /**
     * Tells whether this quote is for a custom amount rather than a fixed package.
     *
     * @return true for a custom amount
     */
    public boolean customAmount() {
        return packageId.isEmpty();
    }
}
