package io.tasker.board;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One row of the board's audit log.
 *
 * @param entityType {@code task}, {@code dependency}, {@code notification}, {@code context}, {@code file_ref},
 *                   {@code participant} or {@code agent}
 * @param action     what was done: create, update, delete, claim, release, heartbeat, expire, complete, cancel,
 *                   unblock, block, assign, join, read
 * @param changes    for a task, {@code {"field": [before, after]}} (the fields on create, the last state on delete)
 */
public record AuditRecord(long id, String entityType, String entityId, Optional<String> taskId, String action,
                          String agent, Optional<UUID> user, JsonNode changes, Instant at) {
}
