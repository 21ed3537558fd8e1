package io.tasker.engine.decision;

import static io.tasker.state.TaskState.BLOCKED_BY_FAILURES;
import static io.tasker.state.TaskState.COMPLETE;
import static io.tasker.state.TaskState.ENQUEUING_STEPS;
import static io.tasker.state.TaskState.ERROR;
import static io.tasker.state.TaskState.EVALUATING_RESULTS;
import static io.tasker.state.TaskState.STEPS_IN_PROCESS;
import static io.tasker.state.TaskState.WAITING_FOR_DEPENDENCIES;
import static io.tasker.state.TaskState.WAITING_FOR_RETRY;

import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.state.TaskStateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The orchestration decision as a pure function of a task snapshot and the current time: no I/O, no clock of its
 * own. Given the steps' states it picks the steps that may run now and the task state that describes the task, and
 * a path of allowed transitions to get there.
 *
 * <p>Rules, in priority order:
 * <ol>
 *   <li>a terminal task is left alone;</li>
 *   <li>a step in {@code error} (retries exhausted or permanent) or {@code cancelled} blocks the task: nothing new is
 *       enqueued (except the remaining workers of a batch whose failure strategy is {@code isolate}); the task is
 *       {@code blocked_by_failures} while other steps are still in flight, then {@code error}. A failed batch worker
 *       whose batch continues on failure does not block: it counts as finished;</li>
 *   <li>a blocked task whose failed steps an operator repaired (reset, resolved or completed them) resumes
 *       ({@code blocked_by_failures -> evaluating_results}) and runs its remaining steps; it ends {@code complete}
 *       when every step has a result, or {@code resolved_manually} when an operator resolved a step without one;</li>
 *   <li>steps whose parents are all satisfied and that may (re)try now are enqueued, batch workers no more than
 *       their batch's {@code parallelism} at a time: {@code steps_in_process};</li>
 *   <li>steps still in flight: {@code steps_in_process};</li>
 *   <li>steps waiting for a retry that is not due yet: {@code waiting_for_retry};</li>
 *   <li>every step satisfied (or no steps): {@code complete};</li>
 *   <li>otherwise: {@code waiting_for_dependencies}.</li>
 * </ol>
 */
public final class TaskDecider {

    private TaskDecider() {
    }

    public static TaskDecision decide(TaskSnapshot task, Instant now) {
        if (task.state().isTerminal()) {
            return TaskDecision.NOTHING;
        }
        Map<UUID, StepSnapshot> steps = task.stepsByUuid();
        boolean failed = false;
        boolean inFlight = false;
        boolean waitingForRetry = false;
        boolean allSatisfied = true;
        List<StepSnapshot> ready = new ArrayList<>();
        Map<String, Integer> runningInBatch = new HashMap<>();
        Set<String> isolatedBatches = new HashSet<>();
        for (StepSnapshot step : task.steps()) {
            StepState state = step.state();
            allSatisfied &= step.settlesDependency();
            if (step.failureTolerated()) {
                continue;
            }
            if (state == StepState.ERROR || state == StepState.CANCELLED) {
                failed = true;
                step.batch().filter(b -> b.failureStrategy() == StepSnapshot.FailureStrategy.ISOLATE)
                        .ifPresent(b -> isolatedBatches.add(b.group()));
            } else if (state.isInFlight()) {
                inFlight = true;
                step.batch().ifPresent(b -> runningInBatch.merge(b.group(), 1, Integer::sum));
            } else if (isReady(step, steps, now)) {
                ready.add(step);
            } else if (state == StepState.WAITING_FOR_RETRY) {
                waitingForRetry = true;
            }
        }
        ready = withinParallelism(ready, runningInBatch);

        TaskState target;
        if (failed) {
            // Only the siblings of an isolated batch worker's failure go on.
            ready.removeIf(step -> step.batch().map(b -> !isolatedBatches.contains(b.group())).orElse(true));
            target = inFlight || !ready.isEmpty() ? BLOCKED_BY_FAILURES : ERROR;
        } else if (!ready.isEmpty() || inFlight) {
            target = STEPS_IN_PROCESS;
        } else if (waitingForRetry) {
            target = WAITING_FOR_RETRY;
        } else if (allSatisfied) {
            target = COMPLETE;
        } else {
            target = WAITING_FOR_DEPENDENCIES;
        }
        boolean resolvedByHand = task.steps().stream().anyMatch(s -> s.state() == StepState.RESOLVED_MANUALLY);
        return new TaskDecision(ready, path(task.state(), target, !ready.isEmpty(), resolvedByHand));
    }

    /** Pending (or due for retry), retry-eligible, and every parent settled (complete, resolved, tolerated). */
    static boolean isReady(StepSnapshot step, Map<UUID, StepSnapshot> steps, Instant now) {
        boolean due = switch (step.state()) {
            case PENDING -> true;
            case WAITING_FOR_RETRY -> step.nextRetryAt().map(at -> !at.isAfter(now)).orElse(false);
            default -> false;
        };
        if (!due || !step.retryEligible()) {
            return false;
        }
        for (UUID parent : step.parents()) {
            StepSnapshot parentStep = steps.get(parent);
            if (parentStep == null || !parentStep.settlesDependency()) {
                return false;
            }
        }
        return true;
    }

    /** Ready batch workers beyond their batch's {@code parallelism} (counting those running) wait their turn. */
    private static List<StepSnapshot> withinParallelism(List<StepSnapshot> ready, Map<String, Integer> running) {
        List<StepSnapshot> allowed = new ArrayList<>();
        Map<String, Integer> started = new HashMap<>(running);
        for (StepSnapshot step : ready) {
            if (step.batch().isEmpty()) {
                allowed.add(step);
                continue;
            }
            StepSnapshot.BatchMembership batch = step.batch().get();
            int now = started.getOrDefault(batch.group(), 0);
            if (now < batch.parallelism()) {
                started.put(batch.group(), now + 1);
                allowed.add(step);
            }
        }
        return allowed;
    }

    private static List<TaskState> path(TaskState from, TaskState target, boolean enqueuing,
                                        boolean resolvedByHand) {
        if (target == COMPLETE && resolvedByHand) {
            // Finished, but an operator stood in for a step: the reference's manual resolution.
            return TaskStateMachine.path(from, TaskState.RESOLVED_MANUALLY).orElse(List.of());
        }
        if (from == BLOCKED_BY_FAILURES) {
            if (target == BLOCKED_BY_FAILURES || target == ERROR) {
                return target == ERROR ? List.of(ERROR) : List.of();
            }
            // Repaired: the task resumes where it would have been without the failure.
            List<TaskState> resumed = new ArrayList<>(List.of(EVALUATING_RESULTS));
            resumed.addAll(TaskStateMachine.path(EVALUATING_RESULTS, target).orElse(List.of()));
            return resumed;
        }
        if (from == STEPS_IN_PROCESS && target == STEPS_IN_PROCESS && enqueuing) {
            // A step finished and made others ready: the task evaluated its results and enqueued the next steps.
            return List.of(EVALUATING_RESULTS, ENQUEUING_STEPS, STEPS_IN_PROCESS);
        }
        // Unreachable targets (e.g. from blocked_by_failures) leave the task where it is.
        return TaskStateMachine.path(from, target).orElse(List.of());
    }
}
