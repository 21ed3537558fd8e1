package io.tasker.store.rows;

/** Why a task was sent to the dead letter queue ({@code tasker.dlq_reason}). */
@PgEnum("dlq_reason")
public enum DlqReason {
    STALENESS_TIMEOUT,
    MAX_RETRIES_EXCEEDED,
    DEPENDENCY_CYCLE_DETECTED,
    WORKER_UNAVAILABLE,
    MANUAL_DLQ
}
