package io.tasker.engine;

import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.StepChange;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepMove;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.engine.store.TransitionWriter.TaskPath;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Ends an unfinished task early, in the caller's transaction and under the task's lock: its open steps move to one
 * state (dropping their leases, so late results are rejected), the task along its path to a terminal state, the
 * task row is marked finished, and every engine is told (NOTIFY) to interrupt the task's running handlers.
 * Cancelling a task and failing a stale one both end it this way.
 */
public final class TaskFinalizer {

    /**
     * How a task ends.
     *
     * @param openSteps   the step states that are moved
     * @param stepState   where they go, with {@code change}'s column changes and {@code stepResults} (or null)
     * @param taskPath    the task's states from its current one to the terminal one
     */
    public record Ending(Set<StepState> openSteps, StepChange change, StepState stepState, JsonNode stepResults,
                         List<TaskState> taskPath, JsonNode metadata) {
    }

    private final TaskStateStore tasks;
    private final TransitionWriter transitions;

    public TaskFinalizer(TaskStateStore tasks, TransitionWriter transitions) {
        this.tasks = tasks;
        this.transitions = transitions;
    }

    /** Ends the locked task, which is in state {@code from}. */
    public void end(Tx tx, UUID taskUuid, TaskState from, Ending ending, Instant now) {
        List<StepMove> steps = tasks.openSteps(tx, taskUuid, ending.openSteps()).entrySet().stream()
                .map(step -> StepMove.withResults(new StepPath(step.getKey(), step.getValue(),
                        List.of(ending.stepState()), ending.metadata()), ending.stepResults()))
                .toList();
        transitions.moveSteps(tx, ending.change(), steps, now);
        transitions.writeTaskPaths(tx, List.of(new TaskPath(taskUuid, from, ending.taskPath(), ending.metadata())),
                now);
        tasks.finish(tx, List.of(taskUuid), false, now);
        Notifications.taskCancelled(tx, taskUuid);
    }
}
