package io.tasker.store.rows;

/** Why a task was sent to the dead letter queue ({@code tasker.dlq_reason}). */
@PgEnum("dlq_reason")
public enum DlqReason {
    STALENESS_TIMEOUT,
    MAX_RETRIES_EXCEEDED,
    /** Tasker's own: a step failed for good without using up its attempts (migration V1_1). */
    PERMANENT_FAILURE,
    DEPENDENCY_CYCLE_DETECTED,
    WORKER_UNAVAILABLE,
    MANUAL_DLQ
}
