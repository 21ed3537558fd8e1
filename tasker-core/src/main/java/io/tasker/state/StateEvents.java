package io.tasker.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The event that names a transition in its metadata ({@code "event": "step_completed"}), using the reference's
 * event names so that histories read the same.
 */
public final class StateEvents {

    private StateEvents() {
    }

    public static String task(TaskState from, TaskState to) {
        if (to == TaskState.CANCELLED) {
            return "cancel";
        }
        return switch (from) {
            case PENDING -> "start";
            case INITIALIZING -> switch (to) {
                case COMPLETE -> "no_steps_found";
                case WAITING_FOR_DEPENDENCIES -> "no_dependencies_ready";
                default -> "ready_steps_found";
            };
            case ENQUEUING_STEPS -> to == TaskState.ERROR ? "enqueue_failed" : "steps_enqueued";
            case STEPS_IN_PROCESS -> to == TaskState.WAITING_FOR_RETRY ? "step_failed" : "step_completed";
            case EVALUATING_RESULTS -> switch (to) {
                case COMPLETE -> "all_steps_successful";
                case ENQUEUING_STEPS -> "ready_steps_found";
                case BLOCKED_BY_FAILURES -> "permanent_failure";
                default -> "no_dependencies_ready";
            };
            case WAITING_FOR_DEPENDENCIES -> "dependencies_ready";
            case WAITING_FOR_RETRY -> "retry_ready";
            case BLOCKED_BY_FAILURES -> to == TaskState.RESOLVED_MANUALLY ? "manual_resolution" : "give_up";
            default -> "transition";
        };
    }

    public static String step(StepState from, StepState to) {
        return switch (to) {
            case ENQUEUED -> "enqueue";
            case IN_PROGRESS -> "start";
            case ENQUEUED_FOR_ORCHESTRATION -> "enqueue_for_orchestration";
            case ENQUEUED_AS_ERROR_FOR_ORCHESTRATION -> "enqueue_as_error_for_orchestration";
            case WAITING_FOR_RETRY -> "wait_for_retry";
            case ERROR -> "fail";
            case CANCELLED -> "cancel";
            case RESOLVED_MANUALLY -> "resolve_manually";
            case COMPLETE -> from == StepState.ENQUEUED_FOR_ORCHESTRATION
                    || from == StepState.ENQUEUED_AS_ERROR_FOR_ORCHESTRATION ? "complete" : "complete_manually";
            case PENDING -> from == StepState.ERROR ? "reset_for_retry" : "retry";
        };
    }

    /** The event of every hop of a task's path from {@code from} through {@code states}. */
    public static List<String> taskPath(TaskState from, List<TaskState> states) {
        return path(from, states, StateEvents::task);
    }

    /** The event of every hop of a step's path from {@code from} through {@code states}. */
    public static List<String> stepPath(StepState from, List<StepState> states) {
        return path(from, states, StateEvents::step);
    }

    private static <S> List<String> path(S from, List<S> states, BiFunction<S, S, String> event) {
        List<String> events = new ArrayList<>();
        S current = from;
        for (S next : states) {
            events.add(event.apply(current, next));
            current = next;
        }
        return events;
    }
}
