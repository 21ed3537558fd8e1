package io.tasker.engine;

import io.tasker.InvalidInputException;
import io.tasker.engine.decision.DynamicOutcome;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.json.Json;
import io.tasker.json.StorableJson;
import io.tasker.state.IllegalTransitionException;
import io.tasker.state.StepState;
import io.tasker.state.StepStateMachine;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.PayloadTooLargeException;
import io.tasker.task.StepAction;
import io.tasker.task.StepNotFoundException;
import io.tasker.task.TaskNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operator actions on steps ({@link StepAction}), each in one transaction under the task's lock: the step changes
 * state (dropping any lease, so a running attempt's late result is rejected), the transition records who and why,
 * and the task is evaluated at once, so the steps that depended on it run. Acting on a step of a task that ended in
 * {@code error} reopens the task ({@code error -> blocked_by_failures}) first: that is how operators repair failed
 * tasks; complete, cancelled and resolved tasks stay as they are. A decision or batchable step completed by
 * hand with a result carrying an outcome creates its branches or workers as if its handler had returned it.
 */
public final class StepOperations {

    private static final String STEP_STATE = """
            SELECT current_state FROM tasker.workflow_steps WHERE workflow_step_uuid = ? AND task_uuid = ?
            """;

    private static final String RESET = """
            UPDATE tasker.workflow_steps
            SET current_state = 'pending', attempts = 0, in_process = false, processed = false, processed_at = NULL,
                next_retry_at = NULL, backoff_request_seconds = NULL, lease_token = NULL, lease_expires_at = NULL,
                claimed_by = NULL, updated_at = ?
            WHERE workflow_step_uuid = ?
            """;

    private static final String RESOLVE = """
            UPDATE tasker.workflow_steps
            SET current_state = 'resolved_manually', in_process = false, processed = true, processed_at = ?,
                next_retry_at = NULL, lease_token = NULL, lease_expires_at = NULL, claimed_by = NULL, updated_at = ?
            WHERE workflow_step_uuid = ?
            """;

    private static final String COMPLETE = """
            UPDATE tasker.workflow_steps
            SET current_state = 'complete', results = ?, in_process = false, processed = true, processed_at = ?,
                next_retry_at = NULL, lease_token = NULL, lease_expires_at = NULL, claimed_by = NULL, updated_at = ?
            WHERE workflow_step_uuid = ?
            """;

    private final Jdbc jdbc;
    private final TaskStateStore tasks;
    private final TransitionWriter transitions;
    private final TaskEvaluator evaluator;
    private final DynamicSteps dynamicSteps;
    private final Clock clock;
    private final int maxResultBytes;
    private final Consumer<TaskEvaluator.Evaluation> onCommitted;

    /** @param maxResultBytes largest result an operator may give, as for a handler's */
    public StepOperations(Jdbc jdbc, TaskStateStore tasks, TransitionWriter transitions, TaskEvaluator evaluator,
                          DynamicSteps dynamicSteps, Clock clock, int maxResultBytes,
                          Consumer<TaskEvaluator.Evaluation> onCommitted) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.transitions = transitions;
        this.evaluator = evaluator;
        this.dynamicSteps = dynamicSteps;
        this.clock = clock;
        this.maxResultBytes = maxResultBytes;
        this.onCommitted = onCommitted;
    }

    /**
     * Applies the action (the caller reads the step again for its new state).
     *
     * @throws TaskNotFoundException      no such task
     * @throws StepNotFoundException      no such step in that task
     * @throws IllegalTransitionException the task has finished, or the step's state does not allow the action
     * @throws PayloadTooLargeException   a result given by hand is larger than a handler's may be
     */
    public void apply(UUID taskUuid, UUID stepUuid, StepAction action) {
        if (action instanceof StepAction.CompleteManually complete) {
            checkResult(complete);
        }
        Instant now = clock.instant();
        TaskEvaluator.Evaluation evaluation = jdbc.inTransaction(tx -> {
            Map<UUID, TaskState> locked = tasks.lock(tx, List.of(taskUuid), false);
            Map<UUID, TaskState> toEvaluate = locked;
            TaskState taskState = locked.get(taskUuid);
            if (taskState == null) {
                throw new TaskNotFoundException(taskUuid);
            }
            if (taskState.isTerminal() && taskState != TaskState.ERROR) {
                throw new IllegalTransitionException("task " + taskUuid + " is " + taskState.dbValue()
                        + "; its steps can no longer be changed");
            }
            StepState from = tx.queryOne(STEP_STATE, row -> StepState.fromDb(row.getString(1)), stepUuid, taskUuid)
                    .orElseThrow(() -> new StepNotFoundException(taskUuid, stepUuid));
            StepState to = switch (action) {
                case StepAction.ResetForRetry r -> StepState.PENDING;
                case StepAction.ResolveManually r -> StepState.RESOLVED_MANUALLY;
                case StepAction.CompleteManually c -> StepState.COMPLETE;
            };
            if (action instanceof StepAction.ResetForRetry && from != StepState.ERROR) {
                throw new IllegalTransitionException("step " + stepUuid + " is " + from.dbValue()
                        + ": only a step in error can be reset for retry");
            }
            StepStateMachine.check(stepUuid, from, to);
            if (action instanceof StepAction.CompleteManually complete
                    && dynamicSteps.check(tx, stepUuid, complete.result()) instanceof DynamicOutcome.Invalid invalid) {
                throw new InvalidInputException(invalid.message());
            }
            switch (action) {
                case StepAction.ResetForRetry r -> tx.update(RESET, now, stepUuid);
                case StepAction.ResolveManually r -> tx.update(RESOLVE, now, now, stepUuid);
                case StepAction.CompleteManually c -> tx.update(COMPLETE, c.result(), now, now, stepUuid);
            }
            ObjectNode metadata = Json.object();
            metadata.put("event", action.name());
            metadata.put("actor", action.actor());
            metadata.put("reason", action.reason());
            if (action instanceof StepAction.CompleteManually complete) {
                complete.metadata().ifPresent(m -> metadata.set("operator_metadata", m));
            }
            if (taskState == TaskState.ERROR) {
                // Repairing a failed task reopens it; the evaluation below decides where it goes from there.
                tasks.reopen(tx, taskUuid, now);
                transitions.writeTaskPaths(tx, List.of(new TransitionWriter.TaskPath(taskUuid, TaskState.ERROR,
                        List.of(TaskState.BLOCKED_BY_FAILURES), metadata.deepCopy().put("event", "reopen"))), now);
                toEvaluate = Map.of(taskUuid, TaskState.BLOCKED_BY_FAILURES);
            }
            transitions.writeStepPaths(tx, List.of(new StepPath(stepUuid, from, List.of(to), metadata)), now);
            if (action instanceof StepAction.CompleteManually complete) {
                // A decision or batchable step completed by hand creates what its given result asks for.
                dynamicSteps.expand(tx, List.of(new DynamicSteps.Decided(taskUuid, stepUuid, complete.result())),
                        now);
            }
            return evaluator.evaluate(tx, toEvaluate, now, null);
        });
        onCommitted.accept(evaluation);
    }

    /** A result given by hand meets the limits of a handler's: {@code max_result_bytes}, storable by PostgreSQL. */
    private void checkResult(StepAction.CompleteManually complete) {
        StorableJson.problem(complete.result(), "completion_data.result")
                .or(() -> complete.metadata().flatMap(m -> StorableJson.problem(m, "completion_data.metadata")))
                .ifPresent(problem -> {
                    throw new InvalidInputException(problem.message());
                });
        int size = Json.write(complete.result()).getBytes(StandardCharsets.UTF_8).length;
        if (size > maxResultBytes) {
            throw new PayloadTooLargeException("completion_data.result: " + size + " bytes is more than the limit of "
                    + maxResultBytes + " bytes");
        }
    }
}
