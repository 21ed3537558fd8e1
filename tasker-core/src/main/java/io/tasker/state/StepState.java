package io.tasker.state;

import java.util.Locale;

/** The 10 states of a workflow step. Only complete and resolved_manually satisfy a dependency. */
public enum StepState {
    PENDING,
    ENQUEUED,
    IN_PROGRESS,
    ENQUEUED_FOR_ORCHESTRATION,
    ENQUEUED_AS_ERROR_FOR_ORCHESTRATION,
    WAITING_FOR_RETRY,
    COMPLETE,
    ERROR,
    CANCELLED,
    RESOLVED_MANUALLY;

    /** The name stored in {@code workflow_steps.current_state} and the transitions, e.g. {@code in_progress}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A parent in this state lets its children run. */
    public boolean satisfiesDependency() {
        return this == COMPLETE || this == RESOLVED_MANUALLY;
    }

    /** Claimed or being recorded: a worker or the engine is on it right now. */
    public boolean isInFlight() {
        return this == ENQUEUED || this == IN_PROGRESS || this == ENQUEUED_FOR_ORCHESTRATION
                || this == ENQUEUED_AS_ERROR_FOR_ORCHESTRATION;
    }

    /** Finished one way or another (error may still be reset by an operator). */
    public boolean isFinished() {
        return this == COMPLETE || this == RESOLVED_MANUALLY || this == ERROR || this == CANCELLED;
    }

    public static StepState fromDb(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown step state '" + value + "'", e);
        }
    }
}
