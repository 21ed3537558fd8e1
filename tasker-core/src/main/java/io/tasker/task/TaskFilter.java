package io.tasker.task;

import io.tasker.state.TaskState;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Filters of a task listing; empty fields match everything. {@code orgId} keeps the tasks whose template namespace
 * belongs to that org; {@code createdFrom} (inclusive) and {@code createdTo} (exclusive) bound the creation time.
 */
public record TaskFilter(Optional<String> namespace, Optional<String> name, Optional<TaskState> status,
                         Optional<String> initiator, Optional<String> sourceSystem, Optional<UUID> correlationId,
                         Optional<UUID> orgId, Optional<Instant> createdFrom, Optional<Instant> createdTo) {

    public static final TaskFilter ALL = new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public TaskFilter(Optional<String> namespace, Optional<String> name, Optional<TaskState> status,
                      Optional<String> initiator, Optional<String> sourceSystem, Optional<UUID> correlationId) {
        this(namespace, name, status, initiator, sourceSystem, correlationId, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The same filter, limited to one org's tasks. */
    public TaskFilter inOrg(UUID org) {
        return new TaskFilter(namespace, name, status, initiator, sourceSystem, correlationId, Optional.of(org),
                createdFrom, createdTo);
    }

    /** The same filter, limited to tasks created at or after {@code from} and before {@code to}. */
    public TaskFilter createdBetween(Optional<Instant> from, Optional<Instant> to) {
        return new TaskFilter(namespace, name, status, initiator, sourceSystem, correlationId, orgId, from, to);
    }
}
