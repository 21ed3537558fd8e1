package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code tasker.org_roles}. */
@Table("org_roles")
public record OrgRoleRow(
        UUID id,
        UUID orgId,
        String slug,
        String name,
        OffsetDateTime createdAt) {
}
