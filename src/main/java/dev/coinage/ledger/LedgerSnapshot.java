package dev.coinage.ledger;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The balances of every account at one consistent point: no transaction is half included.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class LedgerSnapshot {
    private final Map<AccountId, Long> balances;

    private LedgerSnapshot(Map<AccountId, Long> balances) {
        this.balances = balances;
    }

    /**
     * Creates a snapshot; for stores.
     *
     * @param balances the balance of every account, not null
     * @return the snapshot, never null
     */
    public static LedgerSnapshot of(Map<AccountId, Long> balances) {
        return new LedgerSnapshot(Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(balances))));
    }

    /**
     * Returns every account's balance, sorted by account.
     *
     * @return an unmodifiable map, never null
     */
    public Map<AccountId, Long> balances() {
        return balances;
    }

    /**
     * Returns the balance of one account.
     *
     * @param account the account, not null
     * @return the balance, 0 for an account the snapshot does not hold
     */
    public long balance(AccountId account) {
        return balances.getOrDefault(Objects.requireNonNull(account, "account"), 0L);
    }

    /**
     * Returns the sum of all balances in a unit, which the ledger keeps at zero.
     *
     * @param unit the unit, not null
     * @return the exact sum
     * @throws ArithmeticException if the sum overflows a {@code long}
     */
    public long total(LedgerUnit unit) {
        Objects.requireNonNull(unit, "unit");
        long sum = 0;
        for (Map.Entry<AccountId, Long> e : balances.entrySet()) {
            if (e.getKey().unit() == unit) {
                sum = Math.addExact(sum, e.getValue());
            }
        }
        return sum;
    }
}
