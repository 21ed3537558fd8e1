package io.tasker.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A tick a schedule handled: what became of it, the task it started, or why it could not. */
public record ScheduleTick(Instant tickAt, CronTicks.Outcome outcome, Optional<UUID> taskUuid, Optional<String> error,
                           Instant recordedAt) {
}
