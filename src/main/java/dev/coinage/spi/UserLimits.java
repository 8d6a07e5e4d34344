package dev.coinage.spi;

import dev.coinage.catalog.LimitPeriod;
import dev.coinage.core.UserId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the spending caps that members set for themselves are kept. Coinage reads a cap when it grants a member's
 * allowance for a period and writes one when a member lowers their cap.
 *
 * <h2>Implementation specification</h2>
 *
 * <ul>
 *   <li>{@link #find} returns the last cap {@link #set} for the member and period, or empty if none was set.
 *   <li>{@link #set} refuses a negative cap with {@link IllegalArgumentException} and changes nothing.
 *   <li>Implementations are thread-safe. A host running several application instances must share the caps between
 *       them (a database table): {@link LedgerStore#userLimits()} does; {@link #inMemory()} is for one JVM.
 * </ul>
 */
public interface UserLimits {
    /**
     * Finds a member's own cap for a period.
     *
     * @param user the member, not null
     * @param period the period, not null
     * @return the cap in coins, empty if the member set none
     */
    OptionalLong find(UserId user, LimitPeriod period);

    /**
     * Finds all of a member's own caps at once: what a gift reads, so that a store over a network can answer in one
     * query. The default asks {@link #find} once per period.
     *
     * @param user the member, not null
     * @return the caps in coins by period, only for the periods the member set one; never null, possibly empty
     */
    default Map<LimitPeriod, Long> findAll(UserId user) {
        Objects.requireNonNull(user, "user");
        Map<LimitPeriod, Long> all = new EnumMap<>(LimitPeriod.class);
        for (LimitPeriod period : LimitPeriod.values()) {
            OptionalLong cap = find(user, period);
            if (cap.isPresent()) {
                all.put(period, cap.getAsLong());
            }
        }
        return all;
    }

    /**
     * Records a member's own cap for a period, replacing any earlier one.
     *
     * @param user the member, not null
     * @param period the period, not null
     * @param coins the cap in coins, zero or positive
     * @throws IllegalArgumentException if {@code coins} is negative
     */
    void set(UserId user, LimitPeriod period, long coins);

    /**
     * Returns caps kept in this JVM's memory, as the in-memory store keeps them.
     *
     * @return a new, empty, thread-safe instance, never null
     */
    static UserLimits inMemory() {
        return new UserLimits() {
            private final Map<UserId, Map<LimitPeriod, Long>> caps = new ConcurrentHashMap<>();

            @Override
            public OptionalLong find(UserId user, LimitPeriod period) {
                Map<LimitPeriod, Long> own = caps.get(Objects.requireNonNull(user, "user"));
                Long cap = own == null ? null : own.get(Objects.requireNonNull(period, "period"));
                return cap == null ? OptionalLong.empty() : OptionalLong.of(cap);
            }

            @Override
            public Map<LimitPeriod, Long> findAll(UserId user) {
                Map<LimitPeriod, Long> own = caps.get(Objects.requireNonNull(user, "user"));
                return own == null ? Map.of() : Map.copyOf(own);
            }

            @Override
            public void set(UserId user, LimitPeriod period, long coins) {
                Objects.requireNonNull(period, "period");
                if (coins < 0) {
                    throw new IllegalArgumentException("coins must be zero or positive: " + coins);
                }
                caps.computeIfAbsent(Objects.requireNonNull(user, "user"), u -> new ConcurrentHashMap<>())
                        .put(period, coins);
            }
        };
    }
}
