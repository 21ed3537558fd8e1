package io.tasker;

import java.util.List;

/** One page of a listing: the items, which page, and how many items there are in all. */
public record Page<T>(List<T> items, int page, int perPage, long totalCount) {

    public Page {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return totalCount == 0 ? 0 : (totalCount + perPage - 1) / perPage;
    }

    public boolean hasNext() {
        return page < totalPages();
    }

    public boolean hasPrevious() {
        return page > 1;
    }
}
