package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.outbox}. */
@Table("outbox")
public record OutboxRow(
        UUID messageUuid,
        String kind,
        String topic,
        UUID taskUuid,
        UUID workflowStepUuid,
        String targetUrl,
        JsonNode payload,
        String state,
        int attempts,
        LocalDateTime nextAttemptAt,
        String lastError,
        LocalDateTime createdAt,
        LocalDateTime deliveredAt) {
}
