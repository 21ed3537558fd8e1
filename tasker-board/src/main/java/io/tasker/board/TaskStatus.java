package io.tasker.board;

import io.tasker.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A board task's status (the {@code tasker_board.task_status} type). */
public enum TaskStatus {
    /** Waiting for someone to claim it; ready when no dependency is open. */
    PENDING,
    /** Claimed by an agent under a lease. */
    IN_PROGRESS,
    /** Done; its dependents may become ready. Final. */
    COMPLETED,
    /** A dependency is open. Only dependencies block a task (it cannot be set by hand). */
    BLOCKED,
    /** Abandoned; its dependents stay blocked and are told. Final. */
    CANCELLED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }

    public static TaskStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The status named by {@code text}, or 400 listing the statuses. */
    public static TaskStatus parse(String text) {
        return Arrays.stream(values()).filter(s -> s.dbValue().equals(text)).findFirst()
                .orElseThrow(() -> new InvalidInputException("status: '" + text + "' is not one of " + Arrays
                        .stream(values()).map(TaskStatus::dbValue).collect(Collectors.joining(", "))));
    }
}
