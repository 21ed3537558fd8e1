package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.tasks}: one run of a template. */
@Table("tasks")
public record TaskRow(
        UUID taskUuid,
        UUID namedTaskUuid,
        boolean complete,
        LocalDateTime requestedAt,
        LocalDateTime completedAt,
        String initiator,
        String sourceSystem,
        String reason,
        JsonNode tags,
        JsonNode context,
        String identityHash,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        int priority,
        UUID correlationId,
        UUID parentCorrelationId) {
}
