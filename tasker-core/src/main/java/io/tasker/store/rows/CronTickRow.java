package io.tasker.store.rows;

import java.time.LocalDateTime;
import java.util.UUID;

/** A row of {@code tasker.cron_ticks}. */
@Table("cron_ticks")
public record CronTickRow(
        String owner,
        LocalDateTime tickAt,
        String outcome,
        LocalDateTime recordedAt,
        UUID taskUuid,
        String error) {
}
