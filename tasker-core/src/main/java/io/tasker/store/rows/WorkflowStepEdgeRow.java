package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.workflow_step_edges}: {@code from} must finish before {@code to} may start. */
@Table("workflow_step_edges")
public record WorkflowStepEdgeRow(
        UUID workflowStepEdgeUuid,
        UUID fromStepUuid,
        UUID toStepUuid,
        String name,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
