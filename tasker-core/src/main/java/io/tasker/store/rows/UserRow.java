package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code tasker.users}. */
@Table("users")
public record UserRow(
        UUID id,
        UUID orgId,
        String externalId,
        String email,
        String role,
        OffsetDateTime createdAt) {
}
