package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.annotation_types}. */
@Table("annotation_types")
public record AnnotationTypeRow(
        UUID annotationTypeUuid,
        String name,
        String description,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
