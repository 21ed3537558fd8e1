package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.task_slots}: a running task holding a slot of a task-scope concurrency key. */
@Table("task_slots")
public record TaskSlotRow(
        String throttleKey,
        UUID taskUuid,
        LocalDateTime acquiredAt) {
}
