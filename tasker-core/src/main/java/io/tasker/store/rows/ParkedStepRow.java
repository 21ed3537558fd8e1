package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.parked_steps}. */
@Table("parked_steps")
public record ParkedStepRow(
        UUID workflowStepUuid,
        UUID taskUuid,
        String kind,
        String wakeKey,
        LocalDateTime deadline,
        JsonNode onDeadline,
        JsonNode details,
        LocalDateTime parkedAt) {
}
