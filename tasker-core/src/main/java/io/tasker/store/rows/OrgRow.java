package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A row of {@code tasker.orgs}. */
@Table("orgs")
public record OrgRow(
        UUID id,
        String name,
        String slug,
        JsonNode settings,
        OffsetDateTime createdAt) {
}
