package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code tasker.api_keys}. */
@Table("api_keys")
public record ApiKeyRow(
        UUID keyUuid,
        UUID userId,
        String name,
        String prefix,
        String keyHash,
        OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt) {
}
