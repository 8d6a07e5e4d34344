package dev.coinage.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of entries and the request for the page after it.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Page {
    private final List<Entry> entries;
    private final PageRequest next;

    private Page(List<Entry> entries, PageRequest next) {
        this.entries = entries;
        this.next = next;
    }

    /**
     * Builds a page from the entries read for a request; for stores. The page has a next page when it is full.
     *
     * @param request the request that was served, not null
     * @param entries the entries, in the request's order, at most {@link PageRequest#size()}, not null
     * @return the page, never null
     */
    public static Page of(PageRequest request, List<Entry> entries) {
        Objects.requireNonNull(request, "request");
        List<Entry> copy = List.copyOf(entries);
        if (copy.size() > request.size()) {
            throw new IllegalArgumentException("page holds " + copy.size() + " entries, more than " + request.size());
        }
        PageRequest next = null;
        if (copy.size() == request.size()) {
            long last = copy.get(copy.size() - 1).sequence();
            boolean more = request.order() == PageRequest.Order.OLDEST_FIRST || last > 1;
            next = more ? PageRequest.after(request.order(), request.size(), last) : null;
        }
        return new Page(copy, next);
    }

    /**
     * Returns the entries on this page.
     *
     * @return an unmodifiable list, never null
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Returns the request for the following page; empty when this page is known to be the last. A full page has a
     * next request (unless it ends at sequence 1, newest first), which may return an empty page.
     *
     * @return the next request
     */
    public Optional<PageRequest> next() {
        return Optional.ofNullable(next);
    }
}
