package io.tasker.engine.decision;

import io.tasker.state.TaskState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A task and all its steps, read under the task's row lock. */
public record TaskSnapshot(UUID taskUuid, String namespace, TaskState state, List<StepSnapshot> steps) {

    public TaskSnapshot {
        steps = List.copyOf(steps);
    }

    public Map<UUID, StepSnapshot> stepsByUuid() {
        return steps.stream().collect(Collectors.toMap(StepSnapshot::stepUuid, Function.identity()));
    }
}
