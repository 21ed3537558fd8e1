package io.tasker.board;

import java.util.Optional;

/**
 * Which tasks {@code list} shows; absent filters match everything.
 *
 * @param limit at most this many, highest priority and oldest first
 */
public record TaskQuery(Optional<TaskStatus> status, Optional<String> assignee, Optional<Priority> priority, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public TaskQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new io.tasker.InvalidInputException("limit: must be between 1 and " + MAX_LIMIT);
        }
    }

    public static TaskQuery all() {
        return new TaskQuery(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }
}
