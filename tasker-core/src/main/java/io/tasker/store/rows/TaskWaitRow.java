package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.task_waits}: how long a task waited with a step parked. */
@Table("task_waits")
public record TaskWaitRow(
        UUID taskUuid,
        long waitedMs,
        LocalDateTime waitingSince,
        LocalDateTime lastWokenAt) {
}
