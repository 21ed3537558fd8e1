package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.task_transitions}. */
@Table("task_transitions")
public record TaskTransitionRow(
        UUID taskTransitionUuid,
        UUID taskUuid,
        String toState,
        String fromState,
        JsonNode metadata,
        int sortKey,
        boolean mostRecent,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        UUID processorUuid,
        JsonNode transitionMetadata) {

    /** The states this change passed through, in order, ending with {@link #toState} (its {@code via}, then it). */
    public List<String> states() {
        return TransitionVia.states(metadata, toState);
    }
}
