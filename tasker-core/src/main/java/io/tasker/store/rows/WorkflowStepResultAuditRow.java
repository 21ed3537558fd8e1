package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.workflow_step_result_audit}: one recorded step result. */
@Table("workflow_step_result_audit")
public record WorkflowStepResultAuditRow(
        UUID workflowStepResultAuditUuid,
        UUID workflowStepUuid,
        UUID workflowStepTransitionUuid,
        UUID taskUuid,
        LocalDateTime recordedAt,
        UUID workerUuid,
        UUID correlationId,
        boolean success,
        Long executionTimeMs,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
