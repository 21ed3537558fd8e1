package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.dependent_system_object_maps}. */
@Table("dependent_system_object_maps")
public record DependentSystemObjectMapRow(
        UUID dependentSystemObjectMapUuid,
        UUID dependentSystemOneUuid,
        UUID dependentSystemTwoUuid,
        String remoteIdOne,
        String remoteIdTwo,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
