package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.task_annotations}. */
@Table("task_annotations")
public record TaskAnnotationRow(
        UUID taskAnnotationUuid,
        UUID taskUuid,
        UUID annotationTypeUuid,
        JsonNode annotation,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
