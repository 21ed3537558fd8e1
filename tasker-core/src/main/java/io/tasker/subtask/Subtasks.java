package io.tasker.subtask;

import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.park.ParkKey;
import io.tasker.park.ParkedStep;
import io.tasker.park.ParkedSteps;
import io.tasker.scheduler.PeriodicWork;
import io.tasker.state.IllegalTransitionException;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskNotFoundException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Child workflows: how a child ended, as its parent step sees it; waking parents whose child has ended (told of
 * finished tasks at once where possible, and as scheduler work every round, which also covers a child that ended
 * before its parent step had parked); and cancelling the child when its parent step's wait is abandoned.
 */
public final class Subtasks implements PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(Subtasks.class);
    private static final int BATCH = 200;

    private final Jdbc jdbc;
    private final ParkedSteps parked;
    private final Consumer<UUID> cancel;

    /** @param cancel cancels a child whose parent no longer waits for it */
    public Subtasks(Jdbc jdbc, ParkedSteps parked, Consumer<UUID> cancel) {
        this.jdbc = jdbc;
        this.parked = parked;
        this.cancel = cancel;
        parked.onAbandoned(SubtaskStep.KIND, this::abandoned);
    }

    /**
     * How the child ended: complete (or resolved by hand) gives {@code {"task_uuid", "state", "results"}} with the
     * results of its last steps; error and cancelled fail the parent step. Empty while it runs.
     */
    public Optional<WakeOutcome> outcome(UUID child) {
        Optional<TaskState> state = jdbc.withConnection(tx -> SubtaskStore.state(tx, child));
        if (state.isEmpty()) {
            return Optional.of(WakeOutcome.fail("SubtaskFailed", "child task " + child + " no longer exists", false));
        }
        return switch (state.get()) {
            case COMPLETE, RESOLVED_MANUALLY -> Optional.of(WakeOutcome.complete(result(child, state.get())));
            case ERROR -> Optional.of(WakeOutcome.fail("SubtaskFailed", "child task " + child + " ended in error",
                    false));
            case CANCELLED -> Optional.of(WakeOutcome.fail("SubtaskCancelled", "child task " + child
                    + " was cancelled", false));
            default -> Optional.empty();
        };
    }

    /** Tasks that finished (in this process or, by NOTIFY, another): wake their parents at once. */
    public void finished(Collection<UUID> tasks) {
        if (!tasks.isEmpty()) {
            wakeParents(Optional.of(tasks.stream().map(UUID::toString).toList()));
        }
    }

    @Override
    public Optional<Instant> run(Instant now) {
        wakeParents(Optional.empty());
        return Optional.empty();
    }

    private void wakeParents(Optional<List<String>> children) {
        List<ParkKey> ended = jdbc.withConnection(tx -> SubtaskStore.endedChildren(tx, children, BATCH));
        for (ParkKey key : ended) {
            try {
                parked.wake(key, outcome(UUID.fromString(key.key())).orElseThrow());
            } catch (TaskNotFoundException | IllegalStateException e) {
                log.debug("Parent {} of a finished child could not be woken: {}", key, e.getMessage());
            }
        }
    }

    private void abandoned(ParkedStep step) {
        UUID child = UUID.fromString(step.key().key());
        try {
            cancel.accept(child);
            log.info("Cancelled child task {}: its parent step {} no longer waits for it", child, step.stepUuid());
        } catch (IllegalTransitionException | TaskNotFoundException finished) {
            log.debug("Child task {} of abandoned step {} had finished already", child, step.stepUuid());
        }
    }

    private JsonNode result(UUID child, TaskState state) {
        ObjectNode result = Json.object();
        result.put("task_uuid", child.toString());
        result.put("state", state.dbValue());
        ObjectNode results = result.putObject("results");
        jdbc.withConnection(tx -> SubtaskStore.lastResults(tx, child)).forEach(results::set);
        return result;
    }
}
