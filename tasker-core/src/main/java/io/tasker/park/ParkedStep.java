package io.tasker.park;

import io.tasker.handler.WakeOutcome;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A step that waits for an event without holding a worker.
 *
 * @param deadline   when it wakes on its own, if ever
 * @param onDeadline what the deadline does to it
 * @param details    what it waits for, as its handler described it
 */
public record ParkedStep(UUID stepUuid, ParkKey key, Instant parkedAt, Optional<Instant> deadline,
                         WakeOutcome onDeadline, JsonNode details) {

    public UUID taskUuid() {
        return key.taskUuid();
    }
}
