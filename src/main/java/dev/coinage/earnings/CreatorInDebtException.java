package dev.coinage.earnings;

import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.util.Objects;

/**
 * A creator owes diamond parts that a refund took back after their release and that their carry and diamonds did not
 * cover: the creator may not cash out until later releases have repaid the debt. Nothing was written.
 */
public final class CreatorInDebtException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId creator;
    private final long debtParts;

    private CreatorInDebtException(UserId creator, long debtParts) {
        super("creator " + creator + " may not cash out while owing " + debtParts + " diamond parts");
        this.creator = creator;
        this.debtParts = debtParts;
    }

    /**
     * A cash-out refused because the creator is in debt.
     *
     * @param creator the creator, not null
     * @param debtParts the diamond parts owed, positive
     * @return the exception, never null
     * @throws IllegalArgumentException if {@code debtParts} is not positive
     */
    public static CreatorInDebtException cashOutRefused(UserId creator, long debtParts) {
        Objects.requireNonNull(creator, "creator");
        if (debtParts <= 0) {
            throw new IllegalArgumentException("debtParts must be positive: " + debtParts);
        }
        return new CreatorInDebtException(creator, debtParts);
    }

    /**
     * Returns the creator.
     *
     * @return the creator, never null
     */
    public UserId creator() {
        return creator;
    }

    /**
     * Returns the diamond parts the creator owes.
     *
     * @return the debt, positive
     */
    public long debtParts() {
        return debtParts;
    }
}
