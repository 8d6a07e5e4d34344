package dev.coinage.spi;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.ledger.AccountBalance;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a member's spending reads of them at once ({@link LedgerStore#memberState}): their accounts of the types asked
 * for, as {@link LedgerStore#memberAccounts(dev.coinage.core.UserId, List, int)} lists them, and the spending caps they
 * set for themselves, as {@link UserLimits#findAll} returns them.
 *
 * @param accounts the accounts with a nonzero balance, grouped by type in the order asked for, not null
 * @param ownCaps the member's own cap in coins by period, empty if they set none, not null
 */
public record MemberState(List<AccountBalance> accounts, Map<LimitPeriod, Long> ownCaps) {
    /**
     * Checks the parts and keeps unmodifiable copies of them (parts that are unmodifiable already are kept as they are).
     *
     * @param accounts the accounts, not null, none null
     * @param ownCaps the caps, not null, no null key or value
     */
    public MemberState {
        accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
        ownCaps = Map.copyOf(Objects.requireNonNull(ownCaps, "ownCaps"));
    }
}
