package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.named_tasks_named_steps}. */
@Table("named_tasks_named_steps")
public record NamedTaskNamedStepRow(
        UUID ntnsUuid,
        UUID namedTaskUuid,
        UUID namedStepUuid,
        boolean defaultRetryable,
        int defaultMaxAttempts,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
