package dev.coinage.event;

import dev.coinage.catalog.GiftContext;
import dev.coinage.core.UserId;
import dev.coinage.gift.GiftListener;
import dev.coinage.gift.GiftReceipt;
import dev.coinage.gift.GiftSent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The top gifters every live app shows, kept in memory from {@link GiftSent} events: per LIVE (by its id) and per
 * creator over a span of UTC days. Register it as (or through) the economy's {@link GiftListener}.
 *
 * <p>It counts coins spent. It holds everything it has seen until told to forget ({@link #forgetLive},
 * {@link #forgetBefore}); a host with many creators keeps a bounded window. Being fed by at-most-once events, it is a
 * view for screens, not a statement: the ledger is the record.
 *
 * <p>This class is thread-safe.
 */
public final class TopGifters implements GiftListener {
    /**
     * One line of a leaderboard.
     *
     * @param sender the viewer, not null
     * @param coins the coins they spent, positive
     */
    public record Gifter(UserId sender, long coins) {
        /**
         * Validates the line.
         *
         * @param sender the viewer, not null
         * @param coins the coins spent
         * @throws NullPointerException if {@code sender} is null
         */
        public Gifter {
            Objects.requireNonNull(sender, "sender");
        }
    }

    private static final Comparator<Gifter> ORDER =
            Comparator.comparingLong(Gifter::coins).reversed().thenComparing(Gifter::sender);

    private final Map<String, Map<UserId, LongAdder>> byLive = new ConcurrentHashMap<>();
    private final Map<UserId, Map<LocalDate, Map<UserId, LongAdder>>> byCreatorDay = new ConcurrentHashMap<>();

    private TopGifters() {}

    /**
     * Creates an empty read model.
     *
     * @return the read model, never null
     */
    public static TopGifters create() {
        return new TopGifters();
    }

    @Override
    public void onGiftSent(GiftSent event) {
        GiftReceipt r = event.receipt();
        if (event.context() == GiftContext.LIVE) {
            add(byLive.computeIfAbsent(event.contextId(), k -> new ConcurrentHashMap<>()), r.sender(), r.coinsSpent());
        }
        LocalDate day = LocalDate.ofInstant(event.at(), ZoneOffset.UTC);
        add(
                byCreatorDay
                        .computeIfAbsent(r.creator(), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(day, k -> new ConcurrentHashMap<>()),
                r.sender(),
                r.coinsSpent());
    }

    private static void add(Map<UserId, LongAdder> board, UserId sender, long coins) {
        board.computeIfAbsent(sender, k -> new LongAdder()).add(coins);
    }

    /**
     * Returns the top gifters of a LIVE, most coins first (ties by user id).
     *
     * @param liveId the LIVE's id, not null
     * @param limit the most lines to return, positive
     * @return the leaderboard, never null
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public List<Gifter> topOfLive(String liveId, int limit) {
        Map<UserId, LongAdder> board = byLive.get(Objects.requireNonNull(liveId, "liveId"));
        return top(board == null ? List.of() : List.of(board), limit);
    }

    /**
     * Returns the top gifters of a creator over the UTC days {@code from} to {@code to}, both included.
     *
     * @param creator the creator, not null
     * @param from the first day, not null
     * @param to the last day, not before {@code from}, not null
     * @param limit the most lines to return, positive
     * @return the leaderboard, most coins first, never null
     * @throws IllegalArgumentException if {@code limit} is not positive or {@code to} is before {@code from}
     */
    public List<Gifter> topOfCreator(UserId creator, LocalDate from, LocalDate to, int limit) {
        Objects.requireNonNull(from, "from");
        if (Objects.requireNonNull(to, "to").isBefore(from)) {
            throw new IllegalArgumentException("span ends " + to + " before it starts " + from);
        }
        Map<LocalDate, Map<UserId, LongAdder>> days = byCreatorDay.get(Objects.requireNonNull(creator, "creator"));
        List<Map<UserId, LongAdder>> boards = new ArrayList<>();
        if (days != null) {
            days.forEach((day, board) -> {
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    boards.add(board);
                }
            });
        }
        return top(boards, limit);
    }

    private static List<Gifter> top(List<Map<UserId, LongAdder>> boards, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Map<UserId, Long> sums = new HashMap<>();
        for (Map<UserId, LongAdder> board : boards) {
            board.forEach((sender, coins) -> sums.merge(sender, coins.sum(), Math::addExact));
        }
        List<Gifter> lines = new ArrayList<>(sums.size());
        sums.forEach((sender, coins) -> lines.add(new Gifter(sender, coins)));
        lines.sort(ORDER);
        return List.copyOf(lines.subList(0, Math.min(limit, lines.size())));
    }

    /**
     * Forgets a LIVE's leaderboard, for when the LIVE has ended and its board was shown.
     *
     * @param liveId the LIVE's id, not null
     */
    public void forgetLive(String liveId) {
        byLive.remove(Objects.requireNonNull(liveId, "liveId"));
    }

    /**
     * Forgets every creator's days before a day.
     *
     * @param day the first day to keep, not null
     */
    public void forgetBefore(LocalDate day) {
        Objects.requireNonNull(day, "day");
        byCreatorDay.values().forEach(days -> days.keySet().removeIf(d -> d.isBefore(day)));
    }
}
