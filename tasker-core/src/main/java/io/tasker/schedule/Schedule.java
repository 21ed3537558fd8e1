package io.tasker.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A cron schedule of a template: every tick of {@code cron} (read in {@code timezone}) starts a task of the
 * template with {@code context}.
 *
 * @param version    the template version to start; empty: the highest registered at each tick
 * @param handledUpTo ticks up to this instant are handled (fired, skipped, missed, or passed while paused)
 * @param lastTask    the task the latest fired tick created
 */
public record Schedule(UUID scheduleUuid, UUID orgId, String namespace, String name, Optional<String> version,
                       CronExpression cron, String timezone, JsonNode context, Overlap overlap, CatchUp catchUp,
                       boolean paused, Optional<Instant> nextTickAt, Optional<Instant> handledUpTo,
                       Optional<UUID> lastTask, Optional<String> createdBy, Instant createdAt, Instant updatedAt) {

    /** The cron owner of its ticks ({@link CronTicks}). */
    public String tickOwner() {
        return ownerOf(scheduleUuid);
    }

    static String ownerOf(UUID scheduleUuid) {
        return "schedule:" + scheduleUuid;
    }
}
