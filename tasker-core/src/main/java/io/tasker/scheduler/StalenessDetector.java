package io.tasker.scheduler;

import io.tasker.dlq.DeadLetters;
import io.tasker.dlq.DlqEnums;
import io.tasker.dlq.TaskStaleness;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.engine.store.TransitionWriter.TaskPath;
import io.tasker.json.Json;
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

        public static final Settings DEFAULTS = new Settings(true, Duration.ofMinutes(1), false, 100);

        public Settings {
            if (interval.isNegative() || interval.isZero()) {
                throw new io.tasker.InvalidInputException("staleness interval must be positive");
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new io.tasker.InvalidInputException("staleness batch size must be between 1 and 10000");
            }
        }
    }

    /** What the detector found for one stale task, and whether it acted ({@code false} in a dry run). */
    public record Finding(TaskStaleness task, DlqReason reason, String action, boolean applied,
                          Optional<UUID> dlqEntryUuid) {
    }

    /** One detection round: what was found, and the tasks it moved to {@code error}. */
    public record Round(List<Finding> findings, TaskEvaluator.Evaluation evaluation) {
    }

    private static final String STALE = """
            SELECT st.* FROM tasker.task_staleness(?) st
            WHERE st.health_status = 'stale'
              AND NOT (st.staleness_action = 'none' AND EXISTS (
                  SELECT 1 FROM tasker.tasks_dlq d WHERE d.task_uuid = st.task_uuid AND d.resolution_status = 'pending'))
            ORDER BY st.staleness_percent DESC, st.task_uuid
            LIMIT ?
            """;

    private static final String STILL_STALE = """
            SELECT st.* FROM tasker.task_staleness(?) st WHERE st.task_uuid = ? AND st.health_status = 'stale'
            """;

    private static final String CYCLE = "SELECT tasker.task_dependency_cycle(?) IS NOT NULL";

    private static final String QUEUED_BUT_NOT_RUNNING = """
            SELECT count(*) FILTER (WHERE current_state = 'enqueued') > 0
                   AND count(*) FILTER (WHERE current_state = 'in_progress') = 0
            FROM tasker.workflow_steps WHERE task_uuid = ?
            """;

    private static final String FAIL_STUCK_STEPS = """
            WITH stuck AS (
                SELECT workflow_step_uuid, current_state FROM tasker.workflow_steps
                WHERE task_uuid = ? AND current_state IN ('enqueued', 'in_progress')
                FOR UPDATE
            )
            UPDATE tasker.workflow_steps s
            SET current_state = 'error', results = ?, in_process = false, lease_token = NULL, lease_expires_at = NULL,
                claimed_by = NULL, next_retry_at = NULL, updated_at = ?
            FROM stuck o
            WHERE s.workflow_step_uuid = o.workflow_step_uuid
            RETURNING s.workflow_step_uuid, o.current_state
            """;

    private final Jdbc jdbc;
    private final TaskStateStore tasks;
    private final TransitionWriter transitions;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public StalenessDetector(Jdbc jdbc, TaskStateStore tasks, TransitionWriter transitions, DeadLetters deadLetters,
                             Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.transitions = transitions;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Finds up to {@code limit} stale tasks and, unless {@code dryRun}, acts on each. */
    public Round run(boolean dryRun, int limit) {
        Instant now = clock.instant();
        List<TaskStaleness> stale = jdbc.query(STALE, TaskStaleness::read, now, limit);
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
        return new Round(findings, new TaskEvaluator.Evaluation(Set.of(), finished, namespaces, 0));
    }

    private Optional<Finding> act(Tx tx, UUID taskUuid, Instant now) {
        Map<UUID, TaskState> locked = tasks.lock(tx, List.of(taskUuid), true);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Optional<TaskStaleness> still = tx.queryOne(STILL_STALE, TaskStaleness::read, now, taskUuid);
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
        Optional<UUID> entry = deadLetters.open(tx, new DeadLetters.Opening(taskUuid, task.state().dbValue(), reason,
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
        ObjectNode error = Json.object();
        ObjectNode details = error.putObject("error");
        details.put("type", "StaleTask");
        details.put("message", "the task was " + task.state().dbValue() + " for " + Math.round(task.minutesInState())
                + " minutes (limit " + task.thresholdMinutes() + "): " + DlqEnums.dbValue(reason));
        details.put("retryable", false);
        ObjectNode metadata = Json.object().put("event", "stale").put("dlq_reason", DlqEnums.dbValue(reason));
        entry.ifPresent(uuid -> metadata.put("dlq_entry_uuid", uuid.toString()));
        List<StepPath> steps = new ArrayList<>();
        tx.query(FAIL_STUCK_STEPS, row -> steps.add(new StepPath(row.getObject(1, UUID.class),
                StepState.fromDb(row.getString(2)), List.of(StepState.ERROR), metadata)), task.taskUuid(), error, now);
        transitions.writeStepPaths(tx, steps, now);
        List<TaskState> path = TaskStateMachine.path(task.state(), TaskState.ERROR).orElse(List.of(TaskState.ERROR));
        transitions.writeTaskPaths(tx, List.of(new TaskPath(task.taskUuid(), task.state(), path, metadata)), now);
        tasks.finish(tx, List.of(task.taskUuid()), false, now);
        Notifications.taskCancelled(tx, task.taskUuid());
    }

    private static DlqReason reason(Tx tx, TaskStaleness task) {
        if (task.state() == TaskState.WAITING_FOR_DEPENDENCIES
                && tx.queryOne(CYCLE, row -> row.getBoolean(1), task.taskUuid()).orElse(false)) {
            return DlqReason.DEPENDENCY_CYCLE_DETECTED;
        }
        if (task.state() == TaskState.STEPS_IN_PROCESS
                && tx.queryOne(QUEUED_BUT_NOT_RUNNING, row -> row.getBoolean(1), task.taskUuid()).orElse(false)) {
            return DlqReason.WORKER_UNAVAILABLE;
        }
        return DlqReason.STALENESS_TIMEOUT;
    }
}
