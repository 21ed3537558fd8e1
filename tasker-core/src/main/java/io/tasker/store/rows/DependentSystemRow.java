package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.dependent_systems}. */
@Table("dependent_systems")
public record DependentSystemRow(
        UUID dependentSystemUuid,
        String name,
        String description,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
