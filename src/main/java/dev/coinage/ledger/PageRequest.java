package dev.coinage.ledger;

import java.util.Objects;

/**
 * Which slice of an account's entries to read: an order, a page size, and a position (the sequence number of the
 * last entry already seen). Obtain the first page from {@link #oldestFirst} or {@link #newestFirst}, and each next page
 * from {@link Page#next()}; pages stay stable while new entries are appended.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class PageRequest {
    /** The largest page size accepted. */
    public static final int MAX_SIZE = 1000;

    /** The order in which entries are listed. */
    public enum Order {
        /** Oldest entry first, by ascending sequence. */
        OLDEST_FIRST,
        /** Newest entry first, by descending sequence. */
        NEWEST_FIRST
    }

    private final Order order;
    private final int size;
    private final long after;

    private PageRequest(Order order, int size, long after) {
        this.order = Objects.requireNonNull(order, "order");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE + ": " + size);
        }
        if (after < 0) {
            throw new IllegalArgumentException("page position must not be negative: " + after);
        }
        this.size = size;
        this.after = after;
    }

    /**
     * Requests the first page, oldest entry first.
     *
     * @param size the page size, 1 to {@value #MAX_SIZE}
     * @return the request, never null
     */
    public static PageRequest oldestFirst(int size) {
        return new PageRequest(Order.OLDEST_FIRST, size, 0);
    }

    /**
     * Requests the first page, newest entry first.
     *
     * @param size the page size, 1 to {@value #MAX_SIZE}
     * @return the request, never null
     */
    public static PageRequest newestFirst(int size) {
        return new PageRequest(Order.NEWEST_FIRST, size, 0);
    }

    /**
     * Requests the page that follows the entry with the given sequence number, in the given order.
     *
     * @param order the order, not null
     * @param size the page size, 1 to {@value #MAX_SIZE}
     * @param afterSequence the sequence of the last entry seen; 0 for the first page
     * @return the request, never null
     */
    public static PageRequest after(Order order, int size, long afterSequence) {
        return new PageRequest(order, size, afterSequence);
    }

    /**
     * Returns the order.
     *
     * @return the order, never null
     */
    public Order order() {
        return order;
    }

    /**
     * Returns the page size.
     *
     * @return the maximum number of entries on the page
     */
    public int size() {
        return size;
    }

    /**
     * Returns the sequence of the last entry already seen, 0 for the first page.
     *
     * @return the position
     */
    public long afterSequence() {
        return after;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PageRequest)) {
            return false;
        }
        PageRequest p = (PageRequest) o;
        return p.order == order && p.size == size && p.after == after;
    }

    @Override
    public int hashCode() {
        return Objects.hash(order, size, after);
    }

    @Override
    public String toString() {
        return "PageRequest[" + order + ", size " + size + ", after " + after + "]";
    }
}
