package io.tasker.scheduler;

import io.tasker.dlq.DeadLetterStore;
import io.tasker.dlq.DlqEnums;
import io.tasker.dlq.TaskStaleness;
import io.tasker.engine.StepFailure;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.TaskFinalizer;
import io.tasker.engine.store.StepChange;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.json.Json;
import io.tasker.settings.EngineSettings;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.state.TaskStateMachine;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds tasks that stay too long in a state (or live too long) and acts as their template's
 * {@code lifecycle.staleness_action} says: {@code dlq} opens a dead letter entry and fails the task (its queued and
 * running steps fail with {@code StaleTask}, so operators can repair and rerun them), {@code error} fails it with an
 * entry recorded as permanently failed, {@code none} only opens the entry. Safe with any number of processes: each
 * task is handled under its row lock by whichever process takes it first, and re-checked once locked.
 */
public final class StalenessDetector {

    private static final Logger log = LoggerFactory.getLogger(StalenessDetector.class);

    /**
     * Detection settings.
     *
     * @param enabled   off: the scheduler never looks for stale tasks
     * @param interval  how often the scheduler looks
     * @param dryRun    only log what would happen (to try thresholds out on a live system)
     * @param batchSize stale tasks handled per round at most
     */
    public record Settings(boolean enabled, Duration interval, boolean dryRun, int batchSize) {

        public static final Settings DEFAULTS = new Settings(true, EngineSettings.STALENESS_INTERVAL.defaultValue(),
                false, EngineSettings.STALENESS_BATCH_SIZE.defaultInt());

        public Settings {
            EngineSettings.STALENESS_INTERVAL.check(interval);
            EngineSettings.STALENESS_BATCH_SIZE.check(batchSize);
        }
    }

    /** What the detector found for one stale task, and whether it acted ({@code false} in a dry run). */
    public record Finding(TaskStaleness task, DlqReason reason, String action, boolean applied,
                          Optional<UUID> dlqEntryUuid) {
    }

    /** One detection round: what was found, and the tasks it moved to {@code error}. */
    public record Round(List<Finding> findings, TaskEvaluator.Evaluation evaluation) {
    }

    /** Queued and running steps of a stale task fail; its waiting steps stay as they are, for a repair. */
    private static final Set<StepState> STUCK = EnumSet.of(StepState.ENQUEUED, StepState.IN_PROGRESS);

    private final Jdbc jdbc;
    private final SchedulerStore store = new SchedulerStore();
    private final TaskStateStore tasks;
    private final TaskFinalizer finalizer;
    private final DeadLetterStore deadLetters;
    private final Clock clock;

    public StalenessDetector(Jdbc jdbc, TaskStateStore tasks, TaskFinalizer finalizer, DeadLetterStore deadLetters,
                             Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.finalizer = finalizer;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Finds up to {@code limit} stale tasks and, unless {@code dryRun}, acts on each. */
    public Round run(boolean dryRun, int limit) {
        Instant now = clock.instant();
        List<TaskStaleness> stale = jdbc.withConnection(tx -> store.staleTasks(tx, now, limit));
        List<Finding> findings = new ArrayList<>();
        Map<UUID, TaskState> finished = new LinkedHashMap<>();
        Map<UUID, String> namespaces = new LinkedHashMap<>();
        for (TaskStaleness task : stale) {
            if (dryRun) {
                DlqReason reason = jdbc.withConnection(tx -> reason(tx, task));
                findings.add(new Finding(task, reason, task.stalenessAction(), false, Optional.empty()));
                continue;
            }
            Optional<Finding> finding = jdbc.inTransaction(tx -> act(tx, task.taskUuid(), now));
            finding.ifPresent(found -> {
                findings.add(found);
                if (!found.action().equals("none")) {
                    finished.put(found.task().taskUuid(), TaskState.ERROR);
                    namespaces.put(found.task().taskUuid(), found.task().namespace());
                }
                log.warn("Task {} ({}/{}) was {} for {} min (limit {}): {}, action {}", found.task().taskUuid(),
                        found.task().namespace(), found.task().taskName(), found.task().state().dbValue(),
                        Math.round(found.task().minutesInState()), found.task().thresholdMinutes(),
                        DlqEnums.dbValue(found.reason()), found.action());
            });
        }
        return new Round(findings, new TaskEvaluator.Evaluation(Set.of(), finished, namespaces, List.of()));
    }

    private Optional<Finding> act(Tx tx, UUID taskUuid, Instant now) {
        Map<UUID, TaskState> locked = tasks.lock(tx, List.of(taskUuid), true);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Optional<TaskStaleness> still = store.stillStale(tx, now, taskUuid);
        if (still.isEmpty()) {
            return Optional.empty();
        }
        TaskStaleness task = still.get();
        DlqReason reason = reason(tx, task);
        String action = switch (task.stalenessAction()) {
            case "error", "none" -> task.stalenessAction();
            default -> "dlq";
        };
        ObjectNode metadata = Json.object();
        metadata.put("minutes_in_state", task.minutesInState());
        metadata.put("threshold_minutes", task.thresholdMinutes());
        metadata.put("task_age_minutes", task.taskAgeMinutes());
        metadata.put("max_duration_minutes", task.maxDurationMinutes());
        metadata.put("staleness_percent", task.stalenessPercent());
        metadata.put("staleness_action", action);
        boolean closed = action.equals("error");
        Optional<UUID> entry = deadLetters.open(tx, new DeadLetterStore.Opening(taskUuid, task.state().dbValue(), reason,
                closed ? DlqResolutionStatus.PERMANENTLY_FAILED : DlqResolutionStatus.PENDING,
                closed ? Optional.of("failed by the template's staleness_action: error") : Optional.empty(),
                closed ? Optional.of("tasker") : Optional.empty(), metadata), now);
        if (!action.equals("none")) {
            fail(tx, task, reason, entry, now);
        }
        return Optional.of(new Finding(task, reason, action, true, entry));
    }

    /** Moves the task to error; its queued and running steps fail with {@code StaleTask}. */
    private void fail(Tx tx, TaskStaleness task, DlqReason reason, Optional<UUID> entry, Instant now) {
        StepFailure failure = new StepFailure("StaleTask", "the task was " + task.state().dbValue() + " for "
                + Math.round(task.minutesInState()) + " minutes (limit " + task.thresholdMinutes() + "): "
                + DlqEnums.dbValue(reason), false, Optional.empty());
        ObjectNode metadata = Json.object().put("event", "stale").put("dlq_reason", DlqEnums.dbValue(reason));
        entry.ifPresent(uuid -> metadata.put("dlq_entry_uuid", uuid.toString()));
        List<TaskState> path = TaskStateMachine.path(task.state(), TaskState.ERROR).orElse(List.of(TaskState.ERROR));
        finalizer.end(tx, task.taskUuid(), task.state(), new TaskFinalizer.Ending(STUCK, StepChange.FAIL_STALE,
                StepState.ERROR, failure.result(), path, metadata), now);
    }

    private DlqReason reason(Tx tx, TaskStaleness task) {
        if (task.state() == TaskState.WAITING_FOR_DEPENDENCIES
                && store.hasDependencyCycle(tx, task.taskUuid())) {
            return DlqReason.DEPENDENCY_CYCLE_DETECTED;
        }
        if (task.state() == TaskState.STEPS_IN_PROCESS
                && store.queuedButNotRunning(tx, task.taskUuid())) {
            return DlqReason.WORKER_UNAVAILABLE;
        }
        return DlqReason.STALENESS_TIMEOUT;
    }
}
