package io.tasker.engine;

import io.tasker.InvalidInputException;
import io.tasker.engine.decision.DynamicOutcome;
import io.tasker.engine.store.StepChange;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepMove;
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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operator actions on steps ({@link StepAction}), each in one transaction under the task's lock: the step changes
 * state (dropping any lease, so a running attempt's late result is rejected), the transition records who and why,
 * and the task is evaluated at once, so the steps that depended on it run. Acting on a step of a task that ended in
 * {@code error} reopens the task ({@code error -> blocked_by_failures}) first: that is how operators repair failed
 * tasks; complete, cancelled and resolved tasks stay as they are. A decision or batchable step completed by
 * hand with a result carrying an outcome creates its branches or workers as if its handler had returned it; one
 * resolved by hand decided nothing (no branch, no worker) and its convergence steps run after it.
 */
public final class StepOperations {

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
        Effect effect = Effect.of(action);
        TaskEvaluator.Evaluation evaluation = jdbc.inTransaction(tx -> {
            TaskState taskState = tasks.lock(tx, List.of(taskUuid), false).get(taskUuid);
            if (taskState == null) {
                throw new TaskNotFoundException(taskUuid);
            }
            if (taskState.isTerminal() && taskState != TaskState.ERROR) {
                throw new IllegalTransitionException("task " + taskUuid + " is " + taskState.dbValue()
                        + "; its steps can no longer be changed");
            }
            StepState from = tasks.stepState(tx, taskUuid, stepUuid)
                    .orElseThrow(() -> new StepNotFoundException(taskUuid, stepUuid));
            if (action instanceof StepAction.ResetForRetry && from != StepState.ERROR) {
                throw new IllegalTransitionException("step " + stepUuid + " is " + from.dbValue()
                        + ": only a step in error can be reset for retry");
            }
            StepStateMachine.check(stepUuid, from, effect.to());
            if (action instanceof StepAction.CompleteManually complete
                    && dynamicSteps.check(tx, stepUuid, complete.result()) instanceof DynamicOutcome.Invalid invalid) {
                throw new InvalidInputException(invalid.message());
            }
            ObjectNode metadata = Json.object();
            metadata.put("event", action.name());
            metadata.put("actor", action.actor());
            metadata.put("reason", action.reason());
            if (action instanceof StepAction.CompleteManually complete) {
                complete.metadata().ifPresent(m -> metadata.set("operator_metadata", m));
            }
            TaskState evaluateFrom = taskState;
            if (taskState == TaskState.ERROR) {
                // Repairing a failed task reopens it; the evaluation below decides where it goes from there.
                tasks.reopen(tx, taskUuid, now);
                transitions.writeTaskPaths(tx, List.of(new TransitionWriter.TaskPath(taskUuid, TaskState.ERROR,
                        List.of(TaskState.BLOCKED_BY_FAILURES), metadata.deepCopy().put("event", "reopen"))), now);
                evaluateFrom = TaskState.BLOCKED_BY_FAILURES;
            }
            transitions.moveSteps(tx, effect.change(), List.of(StepMove.withResults(
                    new StepPath(stepUuid, from, List.of(effect.to()), metadata), effect.result())), now);
            effect.outcome().ifPresent(outcome -> dynamicSteps.expand(tx,
                    List.of(new DynamicSteps.Decided(taskUuid, stepUuid, outcome)), now));
            return evaluator.evaluate(tx, Map.of(taskUuid, evaluateFrom), now, null);
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

    /**
     * What an action does to its step.
     *
     * @param result  stored as the step's result (complete_manually), or null
     * @param outcome what a decision or batchable step creates: the operator's result when completing by hand; when
     *                resolving, nothing (no branch, no worker), so that its convergence steps run after it
     */
    private record Effect(StepState to, StepChange change, JsonNode result, Optional<JsonNode> outcome) {
        static Effect of(StepAction action) {
            return switch (action) {
                case StepAction.ResetForRetry r -> new Effect(StepState.PENDING, StepChange.RESET, null,
                        Optional.empty());
                case StepAction.ResolveManually r -> new Effect(StepState.RESOLVED_MANUALLY, StepChange.RESOLVE, null,
                        Optional.of(DynamicSteps.nothingCreated()));
                case StepAction.CompleteManually c -> new Effect(StepState.COMPLETE, StepChange.COMPLETE_BY_HAND,
                        c.result(), Optional.of(c.result()));
            };
        }
    }
}
