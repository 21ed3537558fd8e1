package io.tasker.engine;

import io.tasker.engine.store.StepChange;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.json.Json;
import io.tasker.state.IllegalTransitionException;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cancels a task: the task and every unfinished step move to {@code cancelled} in one transaction, leases are
 * dropped so late results are rejected, and every engine is told (NOTIFY) to interrupt the task's running handlers.
 */
public final class TaskCanceller {

    /** Every step that has not finished for good; an error step is cancelled too (it could still be repaired). */
    private static final Set<StepState> OPEN = EnumSet.complementOf(EnumSet.of(StepState.COMPLETE,
            StepState.RESOLVED_MANUALLY, StepState.CANCELLED));

    private final Jdbc jdbc;
    private final TaskStateStore tasks;
    private final TaskFinalizer finalizer;
    private final Clock clock;

    public TaskCanceller(Jdbc jdbc, TaskStateStore tasks, TaskFinalizer finalizer, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.finalizer = finalizer;
        this.clock = clock;
    }

    /**
     * Cancels the task; cancelling a cancelled task again does nothing. Returns true when this call cancelled it.
     *
     * @throws TaskNotFoundException      when there is no such task
     * @throws IllegalTransitionException when the task already finished otherwise
     */
    public boolean cancel(UUID taskUuid, String reason, String by) {
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            Map<UUID, TaskState> locked = tasks.lock(tx, List.of(taskUuid), false);
            TaskState state = locked.get(taskUuid);
            if (state == null) {
                throw new TaskNotFoundException(taskUuid);
            }
            if (state == TaskState.CANCELLED) {
                return false;
            }
            if (state.isTerminal()) {
                throw new IllegalTransitionException("task " + taskUuid + " is " + state.dbValue()
                        + " and can no longer be cancelled");
            }
            ObjectNode metadata = Json.object();
            metadata.put("reason", reason);
            metadata.put("cancelled_by", by);
            finalizer.end(tx, taskUuid, state, new TaskFinalizer.Ending(OPEN, StepChange.CANCEL, StepState.CANCELLED,
                    null, List.of(TaskState.CANCELLED), metadata), now);
            return true;
        });
    }
}
