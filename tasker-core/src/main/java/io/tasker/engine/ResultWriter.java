package io.tasker.engine;

import io.tasker.engine.store.StepResultStore;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Tx;
import io.tasker.worker.StepClaim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Records attempt results and moves their tasks on, all in the caller's transaction: lock the tasks (always
 * before any step row, so that writers cannot deadlock), store each result under its lease, write the step
 * transitions, create the steps that decision and batch outcomes ask for, and evaluate the tasks whose steps
 * changed.
 */
public final class ResultWriter {

    public record Success(UUID taskUuid, StepResultStore.SuccessWrite write, JsonNode metadata) {
    }

    public record Failure(UUID taskUuid, StepResultStore.FailureWrite write, JsonNode metadata) {
    }

    /**
     * @param accepted steps whose result was stored
     * @param rejected steps whose lease no longer held (late results)
     * @param skipped  steps of tasks another transaction held (only with skip-locked)
     */
    public record Result(Set<UUID> accepted, Set<UUID> rejected, Set<UUID> skipped,
                         TaskEvaluator.Evaluation evaluation) {
    }

    private final TaskStateStore tasks;
    private final StepResultStore steps;
    private final TransitionWriter transitions;
    private final TaskEvaluator evaluator;
    private final DynamicSteps dynamicSteps;
    private final RecordedResults recorded;

    public ResultWriter(TaskStateStore tasks, StepResultStore steps, TransitionWriter transitions,
                        TaskEvaluator evaluator, DynamicSteps dynamicSteps) {
        this(tasks, steps, transitions, evaluator, dynamicSteps, RecordedResults.NONE);
    }

    /** @param recorded told of the stored results in their transaction (domain events) */
    public ResultWriter(TaskStateStore tasks, StepResultStore steps, TransitionWriter transitions,
                        TaskEvaluator evaluator, DynamicSteps dynamicSteps, RecordedResults recorded) {
        this.tasks = tasks;
        this.steps = steps;
        this.transitions = transitions;
        this.evaluator = evaluator;
        this.dynamicSteps = dynamicSteps;
        this.recorded = recorded;
    }

    /** Releases claims of a worker that is shutting down; their steps become claimable again at once. */
    public Result release(Tx tx, List<StepClaim> claims, Instant now) {
        Set<UUID> taskUuids = new LinkedHashSet<>();
        claims.forEach(c -> taskUuids.add(c.taskUuid()));
        Map<UUID, TaskState> locked = tasks.lock(tx, taskUuids, false);
        Set<UUID> released = new HashSet<>(steps.release(tx, claims, now));
        List<StepPath> paths = new ArrayList<>();
        Map<UUID, TaskState> changedTasks = new LinkedHashMap<>();
        JsonNode metadata = io.tasker.json.Json.object().put("event", "release").put("reason", "worker shutdown");
        for (StepClaim claim : claims) {
            if (released.contains(claim.stepUuid())) {
                paths.add(new StepPath(claim.stepUuid(), StepState.IN_PROGRESS, List.of(StepState.WAITING_FOR_RETRY),
                        metadata));
                changedTasks.put(claim.taskUuid(), locked.get(claim.taskUuid()));
            }
        }
        transitions.writeStepPaths(tx, paths, now);
        TaskEvaluator.Evaluation evaluation = evaluator.evaluate(tx, changedTasks, now, null);
        Set<UUID> rejected = new HashSet<>();
        claims.stream().filter(c -> !released.contains(c.stepUuid())).forEach(c -> rejected.add(c.stepUuid()));
        return new Result(released, rejected, Set.of(), evaluation);
    }

    /**
     * @param skipLocked    leave out tasks another transaction holds instead of waiting (maintenance)
     * @param expiredBefore for lease reaping: only leases that expired before this match
     */
    public Result write(Tx tx, List<Success> successes, List<Failure> failures, Instant now, boolean skipLocked,
                        Instant expiredBefore) {
        Set<UUID> taskUuids = new LinkedHashSet<>();
        successes.forEach(s -> taskUuids.add(s.taskUuid()));
        failures.forEach(f -> taskUuids.add(f.taskUuid()));
        Map<UUID, TaskState> locked = tasks.lock(tx, taskUuids, skipLocked);

        List<Success> lockedSuccesses = successes.stream().filter(s -> locked.containsKey(s.taskUuid())).toList();
        List<Failure> lockedFailures = failures.stream().filter(f -> locked.containsKey(f.taskUuid())).toList();
        Set<UUID> accepted = new HashSet<>(steps.succeed(tx,
                lockedSuccesses.stream().map(Success::write).toList(), now));
        accepted.addAll(steps.fail(tx, lockedFailures.stream().map(Failure::write).toList(), now, expiredBefore));

        List<StepPath> paths = new ArrayList<>();
        Map<UUID, TaskState> changedTasks = new LinkedHashMap<>();
        Set<UUID> rejected = new HashSet<>();
        List<DynamicSteps.Decided> decided = new ArrayList<>();
        for (Success success : lockedSuccesses) {
            UUID step = success.write().stepUuid();
            if (accepted.contains(step)) {
                decided.add(new DynamicSteps.Decided(success.taskUuid(), step, success.write().result()));
                paths.add(new StepPath(step, StepState.IN_PROGRESS,
                        List.of(StepState.ENQUEUED_FOR_ORCHESTRATION, StepState.COMPLETE), success.metadata()));
                changedTasks.put(success.taskUuid(), locked.get(success.taskUuid()));
            } else {
                rejected.add(step);
            }
        }
        for (Failure failure : lockedFailures) {
            UUID step = failure.write().stepUuid();
            if (accepted.contains(step)) {
                paths.add(new StepPath(step, StepState.IN_PROGRESS,
                        List.of(StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, failure.write().target()),
                        failure.metadata()));
                changedTasks.put(failure.taskUuid(), locked.get(failure.taskUuid()));
            } else {
                rejected.add(step);
            }
        }
        transitions.writeStepPaths(tx, paths, now);
        dynamicSteps.expand(tx, decided, now);
        recorded.recorded(tx, lockedSuccesses.stream().filter(s -> accepted.contains(s.write().stepUuid())).toList(),
                lockedFailures.stream().filter(f -> accepted.contains(f.write().stepUuid())).toList(), now);
        TaskEvaluator.Evaluation evaluation = evaluator.evaluate(tx, changedTasks, now, null);

        Set<UUID> skipped = new HashSet<>();
        successes.stream().filter(s -> !locked.containsKey(s.taskUuid())).forEach(s -> skipped.add(s.write().stepUuid()));
        failures.stream().filter(f -> !locked.containsKey(f.taskUuid())).forEach(f -> skipped.add(f.write().stepUuid()));
        return new Result(accepted, rejected, skipped, evaluation);
    }
}
