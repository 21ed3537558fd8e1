package io.tasker.store.rows;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code tasker.user_disablements}. */
@Table("user_disablements")
public record UserDisablementRow(
        UUID userId,
        OffsetDateTime disabledAt,
        UUID disabledBy) {
}
