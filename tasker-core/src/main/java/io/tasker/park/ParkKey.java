package io.tasker.park;

import io.tasker.handler.StepResult;
import java.util.Objects;
import java.util.UUID;

/**
 * What wakes a parked step: within a task, a kind (who wakes it: {@code signal}, {@code subtask}, {@code board},
 * ...) and a key (what: a signal name, a child task's uuid, a board task's id). The same rules as
 * {@link StepResult.Park}: kind a lower-case word, key 1 to 255 characters.
 */
public record ParkKey(UUID taskUuid, String kind, String key) {

    public ParkKey {
        Objects.requireNonNull(taskUuid, "taskUuid");
        StepResult.park(kind, key); // the handler SPI's checks, so a key a handler can park on is one callers can name
    }

    @Override
    public String toString() {
        return kind + " '" + key + "' of task " + taskUuid;
    }
}
