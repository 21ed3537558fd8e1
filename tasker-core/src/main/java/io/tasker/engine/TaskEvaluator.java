package io.tasker.engine;

import io.tasker.dlq.DeadLetterStore;
import io.tasker.engine.decision.StepSnapshot;
import io.tasker.engine.decision.TaskDecider;
import io.tasker.engine.decision.TaskDecision;
import io.tasker.engine.decision.TaskSnapshot;
import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.StepChange;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.engine.store.TransitionWriter.TaskPath;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Tx;
import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies {@link TaskDecider} to locked tasks: reads their snapshots, decides, and writes the outcome (steps
 * enqueued, task and step transitions, terminal bookkeeping, NOTIFY) in the caller's transaction. A task that fails
 * gets a dead letter entry: {@code max_retries_exceeded} when a step used up its retries, {@code permanent_failure}
 * when a step failed for good before that.
 */
public final class TaskEvaluator {

    /**
     * What an evaluation changed.
     *
     * @param enqueuedNamespaces namespaces that got claimable steps
     * @param finished           tasks that reached a terminal state, and that state
     * @param namespaces         namespace of every evaluated task
     * @param enqueued           the steps made claimable (for eager dispatch in the same transaction)
     */
    public record Evaluation(Set<String> enqueuedNamespaces, Map<UUID, TaskState> finished,
                             Map<UUID, String> namespaces, List<UUID> enqueued) {

        public static final Evaluation NONE = new Evaluation(Set.of(), Map.of(), Map.of(), List.of());

        public Evaluation {
            enqueued = List.copyOf(enqueued);
        }

        public int enqueuedSteps() {
            return enqueued.size();
        }
    }

    private final TaskStateStore store;
    private final TransitionWriter transitions;
    private final DeadLetterStore deadLetters = new DeadLetterStore();

    public TaskEvaluator(TaskStateStore store, TransitionWriter transitions) {
        this.store = store;
        this.transitions = transitions;
    }

    /** Steps that failed after using every attempt they were allowed: what sends a failed task to the DLQ. */
    private static List<String> exhaustedSteps(TaskSnapshot snapshot) {
        return snapshot.steps().stream()
                .filter(step -> step.state() == StepState.ERROR && step.retryable()
                        && step.attempts() >= step.maxAttempts())
                .map(StepSnapshot::name).toList();
    }

    /**
     * Steps that failed for good with attempts to spare (a permanent error, or not retryable at all); a batch
     * worker's failure that its batch tolerates (continue_on_failure) failed nothing.
     */
    private static List<String> permanentlyFailedSteps(TaskSnapshot snapshot) {
        return snapshot.steps().stream()
                .filter(step -> step.state() == StepState.ERROR && !step.settlesDependency()
                        && !(step.retryable() && step.attempts() >= step.maxAttempts()))
                .map(StepSnapshot::name).toList();
    }

    /**
     * The dead letter entry of a task that just ended in {@code error}: {@code max_retries_exceeded} when a step
     * used up its attempts, else {@code permanent_failure} when a step failed for good; none otherwise (a task
     * failed by staleness detection has its entry already).
     */
    private static Optional<DeadLetterStore.Opening> deadLetter(TaskSnapshot snapshot) {
        List<String> exhausted = exhaustedSteps(snapshot);
        List<String> failed = exhausted.isEmpty() ? permanentlyFailedSteps(snapshot) : exhausted;
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode steps = Json.MAPPER.createArrayNode();
        failed.forEach(steps::add);
        ObjectNode facts = Json.object();
        facts.set(exhausted.isEmpty() ? "failed_steps" : "exhausted_steps", steps);
        return Optional.of(new DeadLetterStore.Opening(snapshot.taskUuid(), snapshot.state().dbValue(),
                exhausted.isEmpty() ? DlqReason.PERMANENT_FAILURE : DlqReason.MAX_RETRIES_EXCEEDED,
                DlqResolutionStatus.PENDING, Optional.empty(), Optional.empty(), facts));
    }

    /** Evaluates tasks whose rows the caller has locked ({@link TaskStateStore#lock}), with their current states. */
    public Evaluation evaluate(Tx tx, Map<UUID, TaskState> locked, Instant now, JsonNode metadata) {
        if (locked.isEmpty()) {
            return Evaluation.NONE;
        }
        return apply(tx, store.snapshots(tx, locked), now, metadata);
    }

    /** Decides and applies for the given snapshots (taken under the tasks' locks, or of tasks not yet committed). */
    public Evaluation apply(Tx tx, List<TaskSnapshot> snapshots, Instant now, JsonNode metadata) {
        List<UUID> toEnqueue = new ArrayList<>();
        List<DeadLetterStore.Opening> openings = new ArrayList<>();
        List<StepPath> stepPaths = new ArrayList<>();
        List<TaskPath> taskPaths = new ArrayList<>();
        Set<String> enqueuedNamespaces = new LinkedHashSet<>();
        Map<UUID, TaskState> finished = new LinkedHashMap<>();
        Map<UUID, String> namespaces = new LinkedHashMap<>();
        for (TaskSnapshot snapshot : snapshots) {
            namespaces.put(snapshot.taskUuid(), snapshot.namespace());
            TaskDecision decision = TaskDecider.decide(snapshot, now);
            for (StepSnapshot step : decision.stepsToEnqueue()) {
                toEnqueue.add(step.stepUuid());
                List<StepState> path = step.state() == StepState.WAITING_FOR_RETRY
                        ? List.of(StepState.PENDING, StepState.ENQUEUED) : List.of(StepState.ENQUEUED);
                stepPaths.add(new StepPath(step.stepUuid(), step.state(), path, null));
            }
            if (!decision.stepsToEnqueue().isEmpty()) {
                enqueuedNamespaces.add(snapshot.namespace());
            }
            taskPaths.add(new TaskPath(snapshot.taskUuid(), snapshot.state(), decision.taskPath(), metadata));
            TaskState end = decision.finalState(snapshot.state());
            if (end.isTerminal() && !snapshot.state().isTerminal()) {
                finished.put(snapshot.taskUuid(), end);
                if (end == TaskState.ERROR) {
                    deadLetter(snapshot).ifPresent(openings::add);
                }
            }
        }
        transitions.writeStepPaths(tx, StepChange.ENQUEUE, stepPaths, now);
        transitions.writeTaskPaths(tx, taskPaths, now);
        List<UUID> complete = finished.entrySet().stream()
                .filter(e -> e.getValue() == TaskState.COMPLETE).map(Map.Entry::getKey).toList();
        List<UUID> unsuccessful = finished.entrySet().stream()
                .filter(e -> e.getValue() != TaskState.COMPLETE).map(Map.Entry::getKey).toList();
        store.finish(tx, complete, true, now);
        store.finish(tx, unsuccessful, false, now);
        openings.forEach(opening -> deadLetters.open(tx, opening, now));
        Notifications.stepsReady(tx, enqueuedNamespaces);
        return new Evaluation(enqueuedNamespaces, finished, namespaces, toEnqueue);
    }
}
