package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.admin_audit}. */
@Table("admin_audit")
public record AdminAuditRow(
        UUID id,
        UUID orgId,
        UUID actorId,
        String action,
        String subject,
        JsonNode details,
        OffsetDateTime createdAt) {
}
