package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.workflow_step_transitions}. */
@Table("workflow_step_transitions")
public record WorkflowStepTransitionRow(
        UUID workflowStepTransitionUuid,
        UUID workflowStepUuid,
        String toState,
        String fromState,
        JsonNode metadata,
        int sortKey,
        boolean mostRecent,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {

    /** The states this change passed through, in order, ending with {@link #toState} (its {@code via}, then it). */
    public List<String> states() {
        return TransitionVia.states(metadata, toState);
    }
}
