package io.tasker.state;

import static io.tasker.state.TaskState.BLOCKED_BY_FAILURES;
import static io.tasker.state.TaskState.CANCELLED;
import static io.tasker.state.TaskState.COMPLETE;
import static io.tasker.state.TaskState.ENQUEUING_STEPS;
import static io.tasker.state.TaskState.ERROR;
import static io.tasker.state.TaskState.EVALUATING_RESULTS;
import static io.tasker.state.TaskState.INITIALIZING;
import static io.tasker.state.TaskState.PENDING;
import static io.tasker.state.TaskState.RESOLVED_MANUALLY;
import static io.tasker.state.TaskState.STEPS_IN_PROCESS;
import static io.tasker.state.TaskState.WAITING_FOR_DEPENDENCIES;
import static io.tasker.state.TaskState.WAITING_FOR_RETRY;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The allowed task transitions: the reference's table, plus what operator repair needs. Automatic transitions never
 * leave a terminal state. An operator repairing a step of a task in {@code error} reopens it
 * ({@code error -> blocked_by_failures}, allowed by {@link #allows} but never part of {@link #next} or a
 * {@link #path}); a blocked task whose failures were repaired resumes ({@code blocked_by_failures ->
 * evaluating_results}).
 */
public final class TaskStateMachine {

    private static final Map<TaskState, Set<TaskState>> ALLOWED = new EnumMap<>(TaskState.class);

    static {
        allow(PENDING, INITIALIZING);                       // start
        allow(INITIALIZING, ENQUEUING_STEPS);               // ready steps found
        allow(INITIALIZING, COMPLETE);                      // no steps
        allow(INITIALIZING, WAITING_FOR_DEPENDENCIES);      // no dependencies ready
        allow(ENQUEUING_STEPS, STEPS_IN_PROCESS);           // steps enqueued
        allow(ENQUEUING_STEPS, ERROR);                      // enqueue failed
        allow(STEPS_IN_PROCESS, EVALUATING_RESULTS);        // step(s) completed
        allow(STEPS_IN_PROCESS, WAITING_FOR_RETRY);         // step failed (retryable)
        allow(EVALUATING_RESULTS, COMPLETE);                // all steps successful
        allow(EVALUATING_RESULTS, ENQUEUING_STEPS);         // ready steps found
        allow(EVALUATING_RESULTS, WAITING_FOR_DEPENDENCIES);// no dependencies ready
        allow(EVALUATING_RESULTS, BLOCKED_BY_FAILURES);     // permanent failure
        allow(WAITING_FOR_DEPENDENCIES, EVALUATING_RESULTS);// dependencies ready
        allow(WAITING_FOR_RETRY, ENQUEUING_STEPS);          // retry ready
        allow(BLOCKED_BY_FAILURES, ERROR);                  // give up
        allow(BLOCKED_BY_FAILURES, RESOLVED_MANUALLY);      // manual resolution
        allow(BLOCKED_BY_FAILURES, EVALUATING_RESULTS);     // failures repaired: the remaining steps run
        for (TaskState state : TaskState.values()) {
            if (!state.isTerminal()) {
                allow(state, CANCELLED);                    // cancel
            }
        }
    }

    private TaskStateMachine() {
    }

    public static boolean allows(TaskState from, TaskState to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to) || isReopen(from, to);
    }

    /** An operator repairing a step of a failed task reopens it: {@code error -> blocked_by_failures}. */
    public static boolean isReopen(TaskState from, TaskState to) {
        return from == ERROR && to == BLOCKED_BY_FAILURES;
    }

    /** The states a task may move to from {@code from} on its own (not counting an operator's reopen). */
    public static Set<TaskState> next(TaskState from) {
        Set<TaskState> next = ALLOWED.get(from);
        return next == null ? Set.of() : Collections.unmodifiableSet(next);
    }

    public static void check(UUID taskUuid, TaskState from, TaskState to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException("task " + taskUuid + " cannot go from " + from.dbValue() + " to "
                    + to.dbValue());
        }
    }

    /** Checks every hop of a path from {@code from} through {@code states}. */
    public static void checkPath(UUID taskUuid, TaskState from, List<TaskState> states) {
        TaskState current = from;
        for (TaskState next : states) {
            check(taskUuid, current, next);
            current = next;
        }
    }

    /**
     * The shortest chain of allowed transitions from {@code from} to {@code to} (empty when they are equal), or empty
     * Optional when {@code to} cannot be reached. Paths never pass through a cancel, and reach {@code error} only
     * through {@code blocked_by_failures}: the edge {@code enqueuing_steps -> error} means an enqueue failed and is
     * taken only from {@code enqueuing_steps} itself.
     */
    public static Optional<List<TaskState>> path(TaskState from, TaskState to) {
        if (from == to) {
            return Optional.of(List.of());
        }
        Map<TaskState, TaskState> previous = new EnumMap<>(TaskState.class);
        Deque<TaskState> queue = new ArrayDeque<>(List.of(from));
        Set<TaskState> seen = EnumSet.of(from);
        while (!queue.isEmpty()) {
            TaskState current = queue.removeFirst();
            for (TaskState next : next(current)) {
                boolean enqueueFailure = current == ENQUEUING_STEPS && next == ERROR && current != from;
                if ((next == CANCELLED && to != CANCELLED) || enqueueFailure || !seen.add(next)) {
                    continue;
                }
                previous.put(next, current);
                if (next == to) {
                    List<TaskState> path = new ArrayList<>();
                    for (TaskState step = to; step != from; step = previous.get(step)) {
                        path.add(0, step);
                    }
                    return Optional.of(List.copyOf(path));
                }
                queue.addLast(next);
            }
        }
        return Optional.empty();
    }

    private static void allow(TaskState from, TaskState to) {
        ALLOWED.computeIfAbsent(from, k -> EnumSet.noneOf(TaskState.class)).add(to);
    }
}
