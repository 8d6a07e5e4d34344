package dev.coinage.recharge;

import dev.coinage.core.CoinageException;
import dev.coinage.core.UserId;
import java.util.Objects;

/** Thrown when a frozen wallet (after a refund of spent coins) tries to spend. Nothing was written. */
public final class WalletFrozenException extends CoinageException {
    private static final long serialVersionUID = 1L;

    private final UserId user;

    /**
     * Creates the exception.
     *
     * @param user the owner of the frozen wallet, not null
     */
    public WalletFrozenException(UserId user) {
        super("the wallet of " + Objects.requireNonNull(user, "user") + " is frozen");
        this.user = user;
    }

    /**
     * Returns the owner of the frozen wallet.
     *
     * @return the user, never null
     */
    public UserId user() {
        return user;
    }
}
