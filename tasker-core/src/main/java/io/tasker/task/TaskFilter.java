package io.tasker.task;

import io.tasker.state.TaskState;
import java.util.Optional;
import java.util.UUID;

/** Filters of a task listing; empty fields match everything. */
public record TaskFilter(Optional<String> namespace, Optional<String> name, Optional<TaskState> status,
                         Optional<String> initiator, Optional<String> sourceSystem, Optional<UUID> correlationId) {

    public static final TaskFilter ALL = new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
}
