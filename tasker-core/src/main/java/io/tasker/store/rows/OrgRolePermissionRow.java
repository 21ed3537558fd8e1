package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code tasker.org_role_permissions}. */
@Table("org_role_permissions")
public record OrgRolePermissionRow(
        UUID roleId,
        String permission,
        OffsetDateTime createdAt) {
}
