package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.schedules}. */
@Table("schedules")
public record ScheduleRow(
        UUID scheduleUuid,
        UUID orgId,
        String namespaceName,
        String taskName,
        String taskVersion,
        String cron,
        String timezone,
        JsonNode context,
        String overlap,
        String catchUp,
        boolean paused,
        LocalDateTime nextTickAt,
        LocalDateTime handledUpTo,
        UUID lastTaskUuid,
        String createdBy,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
