package io.tasker.store.rows;

/** Where an investigation stands ({@code tasker.dlq_resolution_status}). */
@PgEnum("dlq_resolution_status")
public enum DlqResolutionStatus {
    PENDING,
    MANUALLY_RESOLVED,
    PERMANENTLY_FAILED,
    CANCELLED
}
