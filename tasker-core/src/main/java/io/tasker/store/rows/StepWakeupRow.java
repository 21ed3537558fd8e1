package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.step_wakeups}. */
@Table("step_wakeups")
public record StepWakeupRow(
        UUID wakeupUuid,
        UUID taskUuid,
        String kind,
        String wakeKey,
        JsonNode outcome,
        LocalDateTime receivedAt,
        LocalDateTime consumedAt,
        UUID consumedByStep) {
}
