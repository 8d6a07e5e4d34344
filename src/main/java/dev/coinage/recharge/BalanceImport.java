package dev.coinage.recharge;

import dev.coinage.core.UserId;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * A member's coin balance carried over from a system that ran before Coinage, to be credited once by
 * {@link Recharges#importBalance}. It becomes a lot of its own on the channel {@link Recharges#IMPORT_CHANNEL}, at
 * the cost given (zero when the coins' cost is not known), so the coins can be spent, refunded and reported like any
 * other.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param user the member, not null
 * @param importId the legacy balance's id, unique per import, not null, not blank: the import is keyed by it
 * @param paidCoins the coins paid for, zero or positive
 * @param bonusCoins the coins given free, zero or positive; with the paid coins positive and at most
 *     {@link Long#MAX_VALUE}
 * @param cost what the paid coins cost, zero or positive, not null
 */
public record BalanceImport(UserId user, String importId, long paidCoins, long bonusCoins, MonetaryAmount cost) {
    /**
     * Checks the import.
     *
     * @param user the member, not null
     * @param importId the legacy id, not null, not blank
     * @param paidCoins the paid coins, zero or positive
     * @param bonusCoins the bonus coins, zero or positive
     * @param cost the cost, zero or positive, not null
     * @throws NullPointerException if an object component is null
     * @throws IllegalArgumentException if the id is blank, a count is negative, the coins are none or together exceed
     *     {@link Long#MAX_VALUE}, or the cost is negative or positive for no paid coins
     */
    public BalanceImport {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(importId, "importId");
        Objects.requireNonNull(cost, "cost");
        if (importId.isBlank()) {
            throw new IllegalArgumentException("importId must not be blank");
        }
        if (paidCoins < 0 || bonusCoins < 0 || paidCoins + bonusCoins == 0) {
            throw new IllegalArgumentException(
                    "paidCoins and bonusCoins must not be negative, nor both zero: " + paidCoins + ", " + bonusCoins);
        }
        if (paidCoins > Long.MAX_VALUE - bonusCoins) {
            throw new IllegalArgumentException(
                    "paidCoins + bonusCoins must not exceed " + Long.MAX_VALUE + ": " + paidCoins + " + " + bonusCoins);
        }
        if (cost.isNegative() || (paidCoins == 0 && !cost.isZero())) {
            throw new IllegalArgumentException(
                    "cost must not be negative, and must be zero without paid coins: " + cost);
        }
    }
}
