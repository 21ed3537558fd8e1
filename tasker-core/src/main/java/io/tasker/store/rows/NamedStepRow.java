package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.named_steps}. */
@Table("named_steps")
public record NamedStepRow(
        UUID namedStepUuid,
        String name,
        String description,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
