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
     * Checks the parts.
     *
     * @param accounts the accounts, not null
     * @param ownCaps the caps, not null
     */
    public MemberState {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(ownCaps, "ownCaps");
    }
}
