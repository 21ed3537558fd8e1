package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.task_namespaces}. */
@Table("task_namespaces")
public record TaskNamespaceRow(
        UUID taskNamespaceUuid,
        String name,
        String description,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        UUID orgId) {
}
