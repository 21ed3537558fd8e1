package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.delayed_tasks}. */
@Table("delayed_tasks")
public record DelayedTaskRow(
        UUID taskUuid,
        LocalDateTime runAt,
        LocalDateTime startedAt) {
}
