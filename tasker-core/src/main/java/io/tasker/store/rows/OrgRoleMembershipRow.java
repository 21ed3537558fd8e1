package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code tasker.org_role_memberships}. */
@Table("org_role_memberships")
public record OrgRoleMembershipRow(
        UUID roleId,
        UUID userId,
        OffsetDateTime createdAt) {
}
