package dev.coinage.ledger;

import dev.coinage.core.UserId;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one ledger account: its type, the member who owns it (none for a system account) and, for types that a
 * member has many of, a reference such as a hold period. Its text form, such as {@code coins:alice},
 * {@code hold:2026-11-25T10:ana} or {@code issued-paid}, is stable and used by stores as the account's key.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class AccountId implements Comparable<AccountId>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_REFERENCE = 40;

    private static final AccountId[] SYSTEM = new AccountId[AccountType.values().length];

    static {
        for (AccountType type : AccountType.values()) {
            if (!type.isMember()) {
                SYSTEM[type.ordinal()] = new AccountId(type, null, null);
            }
        }
    }

    private final AccountType type;
    private final UserId owner;
    private final String reference;
    private final int hash;
    // The text form is built on first use: ids are made on every request and mostly only hashed and compared.
    private transient String name;

    private AccountId(AccountType type, UserId owner, String reference) {
        this.type = type;
        this.owner = owner;
        this.reference = reference;
        this.hash = (type.ordinal() * 31 + Objects.hashCode(owner)) * 31 + Objects.hashCode(reference);
    }

    /**
     * Returns the coin wallet of a viewer.
     *
     * @param user the owner, not null
     * @return the account id, never null
     */
    public static AccountId userCoins(UserId user) {
        return member(AccountType.USER_COINS, user);
    }

    /**
     * Returns the account holding a creator's earnings of one hold period.
     *
     * @param creator the owner, not null
     * @param period the hold period's reference: 1 to 40 of {@code A-Z a-z 0-9 . _ - +}, not null
     * @return the account id, never null
     * @throws IllegalArgumentException if {@code period} is not of that form
     */
    public static AccountId creatorHold(UserId creator, String period) {
        return member(AccountType.CREATOR_HOLD, creator, period);
    }

    /**
     * Returns the account of a creator's released diamond parts that do not yet make a whole diamond.
     *
     * @param creator the owner, not null
     * @return the account id, never null
     */
    public static AccountId creatorCarry(UserId creator) {
        return member(AccountType.CREATOR_CARRY, creator);
    }

    /**
     * Returns the account of a creator's whole diamonds, available for cash-out.
     *
     * @param creator the owner, not null
     * @return the account id, never null
     */
    public static AccountId creatorDiamonds(UserId creator) {
        return member(AccountType.CREATOR_DIAMONDS, creator);
    }

    /**
     * Returns a member account of a type that a member has one of.
     *
     * @param type a member account type without references, not null
     * @param owner the owner, not null
     * @return the account id, never null
     * @throws IllegalArgumentException if {@code type} is a system type or needs a reference
     */
    public static AccountId member(AccountType type, UserId owner) {
        if (!Objects.requireNonNull(type, "type").isMember()) {
            throw new IllegalArgumentException(type + " is a system account type");
        }
        if (type.isReferenced()) {
            throw new IllegalArgumentException(type + " accounts need a reference");
        }
        return new AccountId(type, Objects.requireNonNull(owner, "owner"), null);
    }

    /**
     * Returns a member account of a type that a member has many of, named by a reference.
     *
     * @param type a member account type with references, not null
     * @param owner the owner, not null
     * @param reference the reference: 1 to 40 of {@code A-Z a-z 0-9 . _ - +}, not null
     * @return the account id, never null
     * @throws IllegalArgumentException if {@code type} takes no reference or {@code reference} is not of that form
     */
    public static AccountId member(AccountType type, UserId owner, String reference) {
        if (!Objects.requireNonNull(type, "type").isReferenced()) {
            throw new IllegalArgumentException(type + " accounts take no reference");
        }
        return new AccountId(type, Objects.requireNonNull(owner, "owner"), checkReference(reference));
    }

    private static String checkReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        int n = reference.length();
        if (n == 0 || n > MAX_REFERENCE) {
            throw new IllegalArgumentException(
                    "account reference must be 1 to " + MAX_REFERENCE + " characters: '" + reference + "'");
        }
        for (int i = 0; i < n; i++) {
            char c = reference.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-'
                    || c == '+';
            if (!ok) {
                throw new IllegalArgumentException(
                        "account reference may hold only A-Z a-z 0-9 . _ - +: '" + reference + "'");
            }
        }
        return reference;
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
        return SYSTEM[type.ordinal()];
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
        AccountType type = AccountType.ofCode(name.substring(0, colon));
        if (!type.isReferenced()) {
            return member(type, UserId.of(name.substring(colon + 1)));
        }
        // A reference holds no colon; the owner may.
        int second = name.indexOf(':', colon + 1);
        if (second < 0) {
            throw new IllegalArgumentException("account name lacks a reference: '" + name + "'");
        }
        return member(type, UserId.of(name.substring(second + 1)), name.substring(colon + 1, second));
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
     * Returns the reference that tells apart a member's accounts of one type, such as a hold period.
     *
     * @return the reference, empty for types that take none
     */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /**
     * Tells whether this is a system account.
     *
     * @return true if no member owns it
     */
    public boolean isSystem() {
        return owner == null;
    }

    /** Orders accounts by their text form, the order in which stores lock them. */
    @Override
    public int compareTo(AccountId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccountId)) {
            return false;
        }
        AccountId a = (AccountId) o;
        // Same as comparing text forms: type, reference and owner determine it, and it determines them.
        return a.hash == hash
                && a.type == type
                && Objects.equals(a.owner, owner)
                && Objects.equals(a.reference, reference);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * Returns the stable text form: {@code type}, {@code type:owner} or {@code type:reference:owner}.
     *
     * @return the text form, never null
     */
    @Override
    public String toString() {
        String n = name;
        if (n == null) {
            // Benign race: every thread builds the same string.
            if (owner == null) {
                n = type.code();
            } else if (reference == null) {
                n = type.code() + ':' + owner.value();
            } else {
                n = type.code() + ':' + reference + ':' + owner.value();
            }
            name = n;
        }
        return n;
    }
}
