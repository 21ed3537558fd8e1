package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.named_tasks}: one version of a template. */
@Table("named_tasks")
public record NamedTaskRow(
        UUID namedTaskUuid,
        UUID taskNamespaceUuid,
        String name,
        String description,
        String version,
        JsonNode configuration,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
