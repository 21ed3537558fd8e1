package io.tasker.task;

import io.tasker.store.rows.WorkflowStepResultAuditRow;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One entry of a step's audit trail: a recorded result (an attempt's outcome, or an operator's completion or
 * resolution) with its {@code workflow_step_result_audit} row, or an operator action that records no result (a reset
 * for retry), known by its transition alone.
 *
 * @param result       the result audit row; empty for an action without a result
 * @param recordedAt   when it was recorded
 * @param transitionMetadata who acted and why ({@code actor}, {@code reason}, {@code event}), the attempt, the error
 */
public record AuditEntry(Optional<WorkflowStepResultAuditRow> result, UUID transitionUuid, UUID stepUuid,
                         UUID taskUuid, UUID correlationId, LocalDateTime recordedAt, String stepName,
                         String fromState, String toState, JsonNode transitionMetadata) {
}
