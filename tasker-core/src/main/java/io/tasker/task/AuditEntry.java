package io.tasker.task;

import io.tasker.store.rows.WorkflowStepResultAuditRow;
import tools.jackson.databind.JsonNode;

/** One recorded result of a step, with the transition that recorded it. */
public record AuditEntry(WorkflowStepResultAuditRow row, String stepName, String fromState, String toState,
                         JsonNode transitionMetadata) {
}
