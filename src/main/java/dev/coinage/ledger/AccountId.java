package dev.coinage.ledger;

import dev.coinage.UserId;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one ledger account: its type and, for member accounts, the member who owns it. Its text form, such as
 * {@code coins:alice} or {@code issued-paid}, is stable and used by stores as the account's key.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class AccountId implements Comparable<AccountId>, Serializable {
    private static final long serialVersionUID = 1L;

    private final AccountType type;
    private final UserId owner;
    private final String name;

    private AccountId(AccountType type, UserId owner) {
        this.type = type;
        this.owner = owner;
        this.name = owner == null ? type.code() : type.code() + ':' + owner.value();
    }

    /**
     * Returns the coin wallet of a viewer.
     *
     * @param user the owner, not null
     * @return the account id, never null
     */
    public static AccountId userCoins(UserId user) {
        return new AccountId(AccountType.USER_COINS, Objects.requireNonNull(user, "user"));
    }

    /**
     * Returns the held-diamonds account of a creator.
     *
     * @param creator the owner, not null
     * @return the account id, never null
     */
    public static AccountId creatorHeld(UserId creator) {
        return new AccountId(AccountType.CREATOR_DIAMONDS_HELD, Objects.requireNonNull(creator, "creator"));
    }

    /**
     * Returns the available-diamonds account of a creator.
     *
     * @param creator the owner, not null
     * @return the account id, never null
     */
    public static AccountId creatorAvailable(UserId creator) {
        return new AccountId(AccountType.CREATOR_DIAMONDS_AVAILABLE, Objects.requireNonNull(creator, "creator"));
    }

    /**
     * Returns a member account of the given type.
     *
     * @param type a member account type, not null
     * @param owner the owner, not null
     * @return the account id, never null
     * @throws IllegalArgumentException if {@code type} is a system type
     */
    public static AccountId member(AccountType type, UserId owner) {
        if (!Objects.requireNonNull(type, "type").isMember()) {
            throw new IllegalArgumentException(type + " is a system account type");
        }
        return new AccountId(type, Objects.requireNonNull(owner, "owner"));
    }

    /**
     * Returns the system account of the given type. There is one per type and it always exists.
     *
     * @param type a system account type, not null
     * @return the account id, never null
     * @throws IllegalArgumentException if {@code type} is a member type
     */
    public static AccountId system(AccountType type) {
        if (Objects.requireNonNull(type, "type").isMember()) {
            throw new IllegalArgumentException(type + " is a member account type");
        }
        return new AccountId(type, null);
    }

    /**
     * Parses the text form returned by {@link #toString()}.
     *
     * @param name the text form, not null
     * @return the account id, never null
     * @throws IllegalArgumentException if the text names no account
     */
    public static AccountId parse(String name) {
        Objects.requireNonNull(name, "name");
        int colon = name.indexOf(':');
        if (colon < 0) {
            return system(AccountType.ofCode(name));
        }
        return member(AccountType.ofCode(name.substring(0, colon)), UserId.of(name.substring(colon + 1)));
    }

    /**
     * Returns the account's type.
     *
     * @return the type, never null
     */
    public AccountType type() {
        return type;
    }

    /**
     * Returns the unit the account counts.
     *
     * @return the unit, never null
     */
    public LedgerUnit unit() {
        return type.unit();
    }

    /**
     * Returns the owning member, empty for a system account.
     *
     * @return the owner
     */
    public Optional<UserId> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * Tells whether this is a system account.
     *
     * @return true if no member owns it
     */
    public boolean isSystem() {
        return owner == null;
    }

    @Override
    public int compareTo(AccountId other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountId && ((AccountId) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /**
     * Returns the stable text form, {@code type} or {@code type:owner}.
     *
     * @return the text form, never null
     */
    @Override
    public String toString() {
        return name;
    }
}
