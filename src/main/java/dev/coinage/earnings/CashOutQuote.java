package dev.coinage.earnings;

import dev.coinage.core.UserId;
import dev.coinage.pricing.FxRate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * What a cash-out of some diamonds pays: the gross at the diamond value, the fees, the net, and the net converted to
 * the creator's payout currency with the rate used. A quote is binding until it expires; {@link CashOuts#request}
 * refuses an expired quote and one whose figures differ from a fresh derivation (an altered quote).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param creator the creator cashing out, not null
 * @param diamonds the diamonds cashed out, positive
 * @param gross the diamonds' value, rounded to minor units, in the settlement currency, not null
 * @param fees the fees (fixed plus percentage), in the settlement currency, not null
 * @param net the gross less the fees, in the settlement currency, not null
 * @param payout the net in the payout currency, rounded to its minor units: what the creator receives, not null
 * @param rate the rate used for the conversion, empty if the payout currency is the settlement currency, not null
 * @param quotedAt when the quote was made, not null
 * @param expiresAt when the quote stops being accepted, not null
 */
public record CashOutQuote(
        UserId creator,
        long diamonds,
        MonetaryAmount gross,
        MonetaryAmount fees,
        MonetaryAmount net,
        MonetaryAmount payout,
        Optional<FxRate> rate,
        Instant quotedAt,
        Instant expiresAt) {
    /**
     * Validates the quote.
     *
     * @param creator the creator, not null
     * @param diamonds the diamonds, positive
     * @param gross the gross, not null
     * @param fees the fees, not null
     * @param net the net, not null
     * @param payout the payout, not null
     * @param rate the rate, not null
     * @param quotedAt when quoted, not null
     * @param expiresAt when it expires, not null
     * @throws IllegalArgumentException if {@code diamonds} is not positive
     */
    public CashOutQuote {
        Objects.requireNonNull(creator, "creator");
        if (diamonds <= 0) {
            throw new IllegalArgumentException("diamonds must be positive: " + diamonds);
        }
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(quotedAt, "quotedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
