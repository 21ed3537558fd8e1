package io.tasker.task;

import io.tasker.state.TaskState;
import java.util.Map;
import java.util.UUID;

/** A task just created: its id, correlation id, the state it is in now, and its steps' ids by name. */
public record CreatedTask(UUID taskUuid, UUID correlationId, TaskState state, Map<String, UUID> stepUuids) {

    public CreatedTask {
        stepUuids = Map.copyOf(stepUuids);
    }
}
