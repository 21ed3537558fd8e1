package io.tasker.engine;

import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.StepChange;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepMove;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Records attempt results and moves their tasks on, all in the caller's transaction: lock the tasks (always
 * before any step row, so that writers cannot deadlock), store each result under its lease, write the step
 * transitions, create the steps that decision and batch outcomes ask for, and evaluate the tasks whose steps
 * changed. A failure that waits for a retry is announced ({@code NOTIFY}) with its due time, so that schedulers wake
 * when it is due.
 */
public final class ResultWriter {

    /** A successful attempt to store, fenced by its lease. */
    public record SuccessWrite(UUID stepUuid, UUID leaseToken, JsonNode result) {
    }

    /**
     * A failed attempt to store, fenced by its lease.
     *
     * @param target         {@code waiting_for_retry} or {@code error}
     * @param nextRetryAt    when the retry is due (only for waiting_for_retry)
     * @param backoffSeconds the delay the handler requested, if it requested one
     */
    public record FailureWrite(UUID stepUuid, UUID leaseToken, StepState target, Instant nextRetryAt,
                               Integer backoffSeconds, JsonNode error) {
    }

    /** A running attempt's claim: its step, task and lease. */
    public record Held(UUID taskUuid, UUID stepUuid, UUID leaseToken) {
    }

    public record Success(UUID taskUuid, SuccessWrite write, JsonNode metadata) {
    }

    public record Failure(UUID taskUuid, FailureWrite write, JsonNode metadata) {
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
    private final TransitionWriter transitions;
    private final TaskEvaluator evaluator;
    private final DynamicSteps dynamicSteps;
    private final StepCommitHooks hooks;
    private final RecordedResults recorded;

    public ResultWriter(TaskStateStore tasks, TransitionWriter transitions, TaskEvaluator evaluator,
                        DynamicSteps dynamicSteps) {
        this(tasks, transitions, evaluator, dynamicSteps, StepCommitHooks.NONE, RecordedResults.NONE);
    }

    /**
     * @param hooks    the layers' work in the transaction of accepted results (a data run's publication)
     * @param recorded told of the stored results in their transaction (domain events)
     */
    public ResultWriter(TaskStateStore tasks, TransitionWriter transitions, TaskEvaluator evaluator,
                        DynamicSteps dynamicSteps, StepCommitHooks hooks, RecordedResults recorded) {
        this.tasks = tasks;
        this.transitions = transitions;
        this.evaluator = evaluator;
        this.dynamicSteps = dynamicSteps;
        this.hooks = hooks;
        this.recorded = recorded;
    }

    /** Releases claims of a worker that is shutting down; their steps become claimable again at once. */
    public Result release(Tx tx, List<Held> claims, Instant now) {
        Set<UUID> taskUuids = new LinkedHashSet<>();
        claims.forEach(c -> taskUuids.add(c.taskUuid()));
        Map<UUID, TaskState> locked = tasks.lock(tx, taskUuids, false);
        JsonNode metadata = Json.object().put("event", "release").put("reason", "worker shutdown");
        Set<UUID> released = transitions.moveSteps(tx, StepChange.RELEASE, claims.stream().map(claim ->
                new StepMove(new StepPath(claim.stepUuid(), StepState.IN_PROGRESS, List.of(StepState.WAITING_FOR_RETRY),
                        metadata), null, claim.leaseToken(), null, null, null)).toList(), now);
        Map<UUID, TaskState> changedTasks = new LinkedHashMap<>();
        Set<UUID> rejected = new HashSet<>();
        for (Held claim : claims) {
            if (released.contains(claim.stepUuid())) {
                changedTasks.put(claim.taskUuid(), locked.get(claim.taskUuid()));
            } else {
                rejected.add(claim.stepUuid());
            }
        }
        TaskEvaluator.Evaluation evaluation = evaluator.evaluate(tx, changedTasks, now, null);
        if (!released.isEmpty()) {
            Notifications.retryScheduled(tx, now);
        }
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
        Set<UUID> accepted = new HashSet<>(transitions.moveSteps(tx, StepChange.SUCCEED,
                lockedSuccesses.stream().map(ResultWriter::move).toList(), now));
        accepted.addAll(transitions.moveSteps(tx, StepChange.FAIL,
                lockedFailures.stream().map(f -> move(f, expiredBefore)).toList(), now));

        Map<UUID, TaskState> changedTasks = new LinkedHashMap<>();
        Set<UUID> rejected = new HashSet<>();
        List<DynamicSteps.Decided> decided = new ArrayList<>();
        for (Success success : lockedSuccesses) {
            UUID step = success.write().stepUuid();
            if (accepted.contains(step)) {
                decided.add(new DynamicSteps.Decided(success.taskUuid(), step, success.write().result()));
                changedTasks.put(success.taskUuid(), locked.get(success.taskUuid()));
            } else {
                rejected.add(step);
            }
        }
        for (Failure failure : lockedFailures) {
            UUID step = failure.write().stepUuid();
            if (accepted.contains(step)) {
                changedTasks.put(failure.taskUuid(), locked.get(failure.taskUuid()));
            } else {
                rejected.add(step);
            }
        }
        lockedFailures.stream().filter(f -> accepted.contains(f.write().stepUuid()))
                .map(f -> f.write().nextRetryAt()).filter(Objects::nonNull).min(Instant::compareTo)
                .ifPresent(due -> Notifications.retryScheduled(tx, due));
        dynamicSteps.expand(tx, decided, now);
        recorded.recorded(tx, lockedSuccesses.stream().filter(s -> accepted.contains(s.write().stepUuid())).toList(),
                lockedFailures.stream().filter(f -> accepted.contains(f.write().stepUuid())).toList(), now);
        TaskEvaluator.Evaluation evaluation = evaluator.evaluate(tx, changedTasks, now, null);
        hooks.run(tx, now, lockedSuccesses, lockedFailures, accepted);

        Set<UUID> skipped = new HashSet<>();
        successes.stream().filter(s -> !locked.containsKey(s.taskUuid())).forEach(s -> skipped.add(s.write().stepUuid()));
        failures.stream().filter(f -> !locked.containsKey(f.taskUuid())).forEach(f -> skipped.add(f.write().stepUuid()));
        return new Result(accepted, rejected, skipped, evaluation);
    }

    private static StepMove move(Success success) {
        SuccessWrite write = success.write();
        return new StepMove(new StepPath(write.stepUuid(), StepState.IN_PROGRESS,
                List.of(StepState.ENQUEUED_FOR_ORCHESTRATION, StepState.COMPLETE), success.metadata()),
                write.result(), write.leaseToken(), null, null, null);
    }

    private static StepMove move(Failure failure, Instant expiredBefore) {
        FailureWrite write = failure.write();
        return new StepMove(new StepPath(write.stepUuid(), StepState.IN_PROGRESS,
                List.of(StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION, write.target()), failure.metadata()),
                write.error(), write.leaseToken(), write.nextRetryAt(), write.backoffSeconds(), expiredBefore);
    }
}
