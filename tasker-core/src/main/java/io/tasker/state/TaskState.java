package io.tasker.state;

import java.util.Locale;

/** The 12 states of a task. Terminal: complete, error, cancelled, resolved_manually. */
public enum TaskState {
    PENDING,
    INITIALIZING,
    ENQUEUING_STEPS,
    STEPS_IN_PROCESS,
    EVALUATING_RESULTS,
    WAITING_FOR_DEPENDENCIES,
    WAITING_FOR_RETRY,
    BLOCKED_BY_FAILURES,
    COMPLETE,
    ERROR,
    CANCELLED,
    RESOLVED_MANUALLY;

    /** The name stored in {@code task_transitions.to_state}, e.g. {@code steps_in_process}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETE || this == ERROR || this == CANCELLED || this == RESOLVED_MANUALLY;
    }

    public static TaskState fromDb(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown task state '" + value + "'", e);
        }
    }
}
