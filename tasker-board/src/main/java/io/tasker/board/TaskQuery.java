package io.tasker.board;

import java.util.Optional;

/**
 * Which tasks {@code list} shows; absent filters match everything.
 *
 * @param limit at most this many, highest priority and oldest first
 * @param offset after skipping this many in that order (the dashboard pages a status column with it)
 */
public record TaskQuery(Optional<TaskStatus> status, Optional<String> assignee, Optional<Priority> priority, int limit,
                        int offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public TaskQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new io.tasker.InvalidInputException("limit: must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new io.tasker.InvalidInputException("offset: must be 0 or more");
        }
    }

    /** The first {@code limit} tasks that match. */
    public TaskQuery(Optional<TaskStatus> status, Optional<String> assignee, Optional<Priority> priority, int limit) {
        this(status, assignee, priority, limit, 0);
    }

    public static TaskQuery all() {
        return new TaskQuery(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }
}
