package dev.coinage.recharge;

import dev.coinage.catalog.ChannelId;
import dev.coinage.core.UserId;
import dev.coinage.engine.Lots;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.AccountType;
import dev.coinage.ledger.AppliedTransaction;
import dev.coinage.ledger.Fingerprint;
import dev.coinage.ledger.TransactionRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * A purchase as recorded on its transactions: written as string attributes by {@link #describe}, rebuilt from them by
 * {@link #from}, in this one place.
 *
 * @param tax the part of the amount that is tax, for reports (not part of the purchase's identity), not null
 * @param storeFee the store's or processor's fee on the amount, for reports (not part of its identity), not null
 * @param unitCost what one paid coin cost in the base currency, in 10<sup>-12</sup> of it rounded up; 0 if unknown
 * @param hash the first 40 hex digits of the reference's SHA-256, naming the purchase's accounts: account references
 *     are short and of a restricted alphabet, provider ids are neither (the transactions carry the reference itself)
 */
record PurchaseRecord(
        String ref,
        UserId user,
        ChannelId channel,
        long paidCoins,
        long bonusCoins,
        MonetaryAmount amount,
        MonetaryAmount tax,
        MonetaryAmount storeFee,
        long unitCost,
        String hash) {

    static PurchaseRecord of(
            String ref, UserId user, ChannelId channel, long paidCoins, long bonusCoins, MonetaryAmount amount) {
        MonetaryAmount zero = Money.zero(amount.getCurrency());
        return of(ref, user, channel, paidCoins, bonusCoins, amount, zero, zero, 0);
    }

    static PurchaseRecord of(
            String ref,
            UserId user,
            ChannelId channel,
            long paidCoins,
            long bonusCoins,
            MonetaryAmount amount,
            MonetaryAmount tax,
            MonetaryAmount storeFee,
            long unitCost) {
        if (paidCoins > Long.MAX_VALUE - bonusCoins) {
            // A quote and a receipt refuse such counts already: this is the last line before the ledger.
            throw new IllegalArgumentException("paid coins + bonus coins of purchase " + ref + " must not exceed "
                    + Long.MAX_VALUE + ": " + paidCoins + " + " + bonusCoins);
        }
        return new PurchaseRecord(
                ref, user, channel, paidCoins, bonusCoins, amount, tax, storeFee, unitCost, Lots.purchaseHash(ref));
    }

    /** Rebuilds the purchase from the attributes of one of its transactions. */
    static PurchaseRecord from(String ref, AppliedTransaction tx) {
        Map<String, String> a = tx.attributes();
        CurrencyUnit currency = Monetary.getCurrency(a.get("currency"));
        return of(
                ref,
                UserId.of(a.get("user")),
                ChannelId.of(a.get("channel")),
                Long.parseLong(a.get("paid-coins")),
                Long.parseLong(a.get("bonus-coins")),
                Money.of(new BigDecimal(a.get("amount")), currency),
                Money.of(new BigDecimal(a.getOrDefault("tax", "0")), currency),
                Money.of(new BigDecimal(a.getOrDefault("store-fee", "0")), currency),
                Long.parseLong(a.getOrDefault("unit-cost", "0")));
    }

    /** Adds the purchase's attributes to a transaction. */
    TransactionRequest.Builder describe(TransactionRequest.Builder tx) {
        return tx.attribute("purchase", ref)
                .attribute("user", user.value())
                .attribute("channel", channel.value())
                .attribute("paid-coins", Long.toString(paidCoins))
                .attribute("bonus-coins", Long.toString(bonusCoins))
                .attribute("amount", amountText(amount))
                .attribute("tax", amountText(tax))
                .attribute("store-fee", amountText(storeFee))
                .attribute("unit-cost", Long.toString(unitCost))
                .attribute("currency", amount.getCurrency().getCurrencyCode());
    }

    /**
     * The cost of one paid coin in 10<sup>-12</sup> of the base currency, rounded up, from the amount in the base
     * currency; 0 when it is not known or there are no paid coins.
     */
    static long unitCost(java.util.Optional<BigDecimal> baseAmount, long paidCoins) {
        if (baseAmount.isEmpty() || paidCoins <= 0) {
            return 0;
        }
        BigDecimal pico = baseAmount
                .get()
                .multiply(Lots.PICO)
                .divide(BigDecimal.valueOf(paidCoins), 0, java.math.RoundingMode.CEILING);
        return pico.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : pico.longValueExact();
    }

    long total() {
        return paidCoins + bonusCoins;
    }

    boolean sameAs(PurchaseRecord o) {
        return user.equals(o.user)
                && channel.equals(o.channel)
                && paidCoins == o.paidCoins
                && bonusCoins == o.bonusCoins
                && amount.getCurrency().equals(o.amount.getCurrency())
                && amount.isEqualTo(o.amount);
    }

    Fingerprint fingerprint(String kind) {
        return Fingerprint.builder(kind)
                .add(ref)
                .add(user.value())
                .add(channel.value())
                .add(paidCoins)
                .add(bonusCoins)
                .add(amountText(amount))
                .add(amount.getCurrency().getCurrencyCode())
                .build();
    }

    AccountId wallet() {
        return AccountId.userCoins(user);
    }

    AccountId pendingAccount() {
        return AccountId.member(AccountType.PAYMENT_PENDING, user, hash);
    }

    AccountId lotAccount() {
        return AccountId.member(AccountType.COIN_LOT, user, hash);
    }

    AccountId debtAccount() {
        return AccountId.member(AccountType.COIN_DEBT, user);
    }

    /** The purchase's own lot accounts, paid then bonus, as its credit named them. */
    List<AccountId> ownLots(AppliedTransaction credit) {
        String time = credit.attributes().get("lot-time");
        if (time == null) {
            return List.of();
        }
        long millis = Long.parseLong(time);
        return List.of(Lots.paid(user, millis, hash), Lots.bonus(user, millis, hash));
    }

    private static String amountText(MonetaryAmount amount) {
        return amount.getNumber()
                .numberValue(BigDecimal.class)
                .stripTrailingZeros()
                .toPlainString();
    }
}
