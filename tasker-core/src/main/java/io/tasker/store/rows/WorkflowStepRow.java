package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.workflow_steps}: one step of one task, and its place in the work queue. */
@Table("workflow_steps")
public record WorkflowStepRow(
        UUID workflowStepUuid,
        UUID taskUuid,
        UUID namedStepUuid,
        boolean retryable,
        int maxAttempts,
        boolean inProcess,
        boolean processed,
        LocalDateTime processedAt,
        int attempts,
        LocalDateTime lastAttemptedAt,
        Integer backoffRequestSeconds,
        JsonNode inputs,
        JsonNode results,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        int priority,
        JsonNode checkpoint,
        String currentState,
        String namespaceName,
        boolean externalHandler,
        LocalDateTime enqueuedAt,
        LocalDateTime nextRetryAt,
        UUID leaseToken,
        LocalDateTime leaseExpiresAt,
        String claimedBy,
        String throttleKey,
        JsonNode throttle) {
}
