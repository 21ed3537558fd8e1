package io.tasker.engine;

import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.engine.store.TransitionWriter.TaskPath;
import io.tasker.json.Json;
import io.tasker.state.IllegalTransitionException;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cancels a task: the task and every unfinished step move to {@code cancelled} in one transaction, leases are
 * dropped so late results are rejected, and every engine is told (NOTIFY) to interrupt the task's running handlers.
 */
public final class TaskCanceller {

    private static final String CANCEL_STEPS = """
            WITH open_steps AS (
                SELECT workflow_step_uuid, current_state FROM tasker.workflow_steps
                WHERE task_uuid = ? AND current_state NOT IN ('complete', 'resolved_manually', 'cancelled')
                FOR UPDATE
            )
            UPDATE tasker.workflow_steps s
            SET current_state = 'cancelled', in_process = false, lease_token = NULL, lease_expires_at = NULL,
                claimed_by = NULL, next_retry_at = NULL, updated_at = ?
            FROM open_steps o
            WHERE s.workflow_step_uuid = o.workflow_step_uuid
            RETURNING s.workflow_step_uuid, o.current_state
            """;

    private final Jdbc jdbc;
    private final TaskStateStore tasks;
    private final TransitionWriter transitions;
    private final Clock clock;

    public TaskCanceller(Jdbc jdbc, TaskStateStore tasks, TransitionWriter transitions, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.transitions = transitions;
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
            List<StepPath> steps = new ArrayList<>();
            tx.query(CANCEL_STEPS, row -> steps.add(new StepPath(row.getObject(1, UUID.class),
                    StepState.fromDb(row.getString(2)), List.of(StepState.CANCELLED), metadata)), taskUuid, now);
            transitions.writeStepPaths(tx, steps, now);
            transitions.writeTaskPaths(tx, List.of(new TaskPath(taskUuid, state, List.of(TaskState.CANCELLED),
                    metadata)), now);
            tasks.finish(tx, List.of(taskUuid), false, now);
            Notifications.taskCancelled(tx, taskUuid);
            return true;
        });
    }
}
