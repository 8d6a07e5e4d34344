package dev.coinage.earnings;

import dev.coinage.core.UserId;
import dev.coinage.pricing.CashOutPolicy;
import dev.coinage.pricing.ExchangeRates;
import dev.coinage.pricing.FxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/** Derives cash-out quotes from the policy and the rates port, and checks presented quotes by deriving them again. */
final class CashOutQuoter {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final CashOutPolicy policy;
    private final ExchangeRates rates;

    CashOutQuoter(CashOutPolicy policy, ExchangeRates rates) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rates = Objects.requireNonNull(rates, "rates");
    }

    CashOutPolicy policy() {
        return policy;
    }

    /** Derives the quote; the minimum is checked here so that no quote below it exists. */
    CashOutQuote quote(UserId creator, long diamonds, CurrencyUnit currency, Instant at) {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(currency, "currency");
        if (diamonds <= 0) {
            throw new IllegalArgumentException("diamonds must be positive: " + diamonds);
        }
        if (diamonds < policy.minimumDiamonds()) {
            throw new CashOutBelowMinimumException(diamonds, policy.minimumDiamonds());
        }
        CurrencyUnit settlement = policy.currency();
        BigDecimal gross = round(number(policy.diamondValue()).multiply(BigDecimal.valueOf(diamonds)), settlement);
        BigDecimal fees = round(
                number(policy.fixedFee())
                        .add(gross.multiply(policy.feePercent()).divide(HUNDRED)),
                settlement);
        BigDecimal net = gross.subtract(fees);
        if (net.signum() <= 0) {
            throw new CashOutBelowMinimumException(diamonds, policy.minimumDiamonds());
        }
        Optional<FxRate> rate = Optional.empty();
        BigDecimal paid = net;
        if (!currency.getCurrencyCode().equals(settlement.getCurrencyCode())) {
            FxRate r = rates.rate(settlement, currency, at)
                    .orElseThrow(() -> new PayoutCurrencyUnavailableException(
                            settlement.getCurrencyCode(), currency.getCurrencyCode()));
            rate = Optional.of(r);
            paid = round(net.multiply(r.factor()), currency);
            if (paid.signum() <= 0) {
                throw new CashOutBelowMinimumException(diamonds, policy.minimumDiamonds());
            }
        }
        return new CashOutQuote(
                creator,
                diamonds,
                Money.of(gross, settlement),
                Money.of(fees, settlement),
                Money.of(net, settlement),
                Money.of(paid, currency),
                rate,
                at,
                at.plus(policy.quoteValidity()));
    }

    /**
     * Checks a presented quote: not expired at {@code now}, and equal to the quote derived again at its time.
     *
     * @throws CashOutQuoteExpiredException if expired
     * @throws CashOutQuoteMismatchException if altered
     */
    void verify(CashOutQuote quote, Instant now) {
        if (!now.isBefore(quote.expiresAt())) {
            throw new CashOutQuoteExpiredException(quote.expiresAt(), now);
        }
        CashOutQuote derived;
        try {
            derived = quote(quote.creator(), quote.diamonds(), quote.payout().getCurrency(), quote.quotedAt());
        } catch (CashOutBelowMinimumException | PayoutCurrencyUnavailableException e) {
            throw new CashOutQuoteMismatchException(quote, quote);
        }
        if (!same(quote, derived)) {
            throw new CashOutQuoteMismatchException(quote, derived);
        }
    }

    static boolean same(CashOutQuote a, CashOutQuote b) {
        return a.creator().equals(b.creator())
                && a.diamonds() == b.diamonds()
                && same(a.gross(), b.gross())
                && same(a.fees(), b.fees())
                && same(a.net(), b.net())
                && same(a.payout(), b.payout())
                && a.rate().equals(b.rate())
                && a.quotedAt().equals(b.quotedAt())
                && a.expiresAt().equals(b.expiresAt());
    }

    private static boolean same(MonetaryAmount a, MonetaryAmount b) {
        return a.getCurrency().getCurrencyCode().equals(b.getCurrency().getCurrencyCode())
                && number(a).compareTo(number(b)) == 0;
    }

    private BigDecimal round(BigDecimal value, CurrencyUnit currency) {
        return value.setScale(Math.max(0, currency.getDefaultFractionDigits()), policy.rounding());
    }

    static BigDecimal number(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }
}
