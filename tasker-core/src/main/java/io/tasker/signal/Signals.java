package io.tasker.signal;

import io.tasker.InvalidInputException;
import io.tasker.handler.WakeOutcome;
import io.tasker.park.ParkKey;
import io.tasker.park.ParkedStep;
import io.tasker.park.ParkedSteps;
import io.tasker.park.WakeResult;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.BuiltInStepFields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Signals to running tasks: a named JSON payload for the task's {@code signal} step of that name. Sent before the
 * step is reached, a signal is kept and completes the step the moment it starts; sent twice, the first one counts.
 */
public final class Signals {

    /**
     * A signal a task received.
     *
     * @param consumedByStep the step it completed; empty while it waits for one
     */
    public record Received(String name, JsonNode payload, Instant receivedAt, Optional<Instant> consumedAt,
                           Optional<UUID> consumedByStep) {
    }

    private final Jdbc jdbc;
    private final ParkedSteps parked;

    public Signals(Jdbc jdbc, ParkedSteps parked) {
        this.jdbc = jdbc;
        this.parked = parked;
    }

    /**
     * Sends signal {@code name} with {@code payload} to the task: {@code WOKE} when a step waited for it,
     * {@code KEPT} when none waits yet, {@code DUPLICATE} when one is kept for that name already,
     * {@code TASK_FINISHED} when the task has ended.
     *
     * @throws InvalidInputException                 for a malformed name
     * @throws io.tasker.task.TaskNotFoundException when there is no such task
     */
    public WakeResult send(UUID taskUuid, String name, JsonNode payload) {
        return parked.wake(new ParkKey(taskUuid, SignalStep.KIND, checkName(name)), WakeOutcome.complete(payload));
    }

    /** The signals the task received, oldest first. */
    public List<Received> received(UUID taskUuid) {
        return jdbc.withConnection(tx -> SignalStore.received(tx, taskUuid));
    }

    /** The task's signal steps waiting now, with their timeouts. */
    public List<ParkedStep> waiting(UUID taskUuid) {
        return parked.waiting(taskUuid).stream().filter(p -> p.key().kind().equals(SignalStep.KIND)).toList();
    }

    public static String checkName(String name) {
        if (name == null || !BuiltInStepFields.SIGNAL_NAME.matcher(name).matches()) {
            throw new InvalidInputException("a signal name is 1 to 64 of letters, digits, _ . - (got '" + name
                    + "')");
        }
        return name;
    }
}
