package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.tasks_dlq}: one dead-letter investigation of a task. */
@Table("tasks_dlq")
public record TaskDlqRow(
        UUID dlqEntryUuid,
        UUID taskUuid,
        String originalState,
        DlqReason dlqReason,
        LocalDateTime dlqTimestamp,
        DlqResolutionStatus resolutionStatus,
        LocalDateTime resolutionTimestamp,
        String resolutionNotes,
        String resolvedBy,
        JsonNode taskSnapshot,
        JsonNode metadata,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
