package io.tasker.board;

import java.time.Instant;
import java.util.Optional;

/**
 * A notification as one recipient sees it.
 *
 * @param from      the agent whose action caused it
 * @param broadcast true when it went to every agent of the org (each reads it separately)
 */
public record Notification(long id, NotificationType type, Optional<String> taskId, String message, String from,
                           boolean broadcast, Instant createdAt) {
}
