package io.tasker.engine.store;

import io.tasker.engine.decision.StepSnapshot;
import io.tasker.engine.decision.TaskSnapshot;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.sql.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The state of tasks for orchestration: the per-task row lock that serialises every decision about a task, the
 * snapshots decisions are made from, and the task row's finished flags. State changes themselves go through
 * {@link TransitionWriter}.
 */
public final class TaskStateStore {

    private static final String LOCK = """
            SELECT task_uuid FROM tasker.tasks
            WHERE task_uuid = ANY (?::uuid[])
            ORDER BY task_uuid
            FOR UPDATE
            """;

    private static final String LOCK_SKIP_LOCKED = """
            SELECT task_uuid FROM tasker.tasks
            WHERE task_uuid = ANY (?::uuid[])
            ORDER BY task_uuid
            FOR UPDATE SKIP LOCKED
            """;

    /** Read after the locks are held, so it sees what the previous lock holder committed. */
    private static final String CURRENT_STATES = """
            SELECT task_uuid, to_state FROM tasker.task_transitions
            WHERE task_uuid = ANY (?::uuid[]) AND most_recent
            ORDER BY task_uuid
            """;

    private static final String SNAPSHOT_STEPS = """
            SELECT s.task_uuid, s.namespace_name, s.workflow_step_uuid, ns.name, s.current_state, s.attempts,
                   s.max_attempts, s.retryable, s.next_retry_at, s.inputs ->> 'template_step_name' AS batch_group,
                   (s.inputs #>> '{batch,parallelism}')::int AS batch_parallelism,
                   s.inputs #>> '{batch,failure_strategy}' AS batch_failure_strategy,
                   coalesce(array_agg(e.from_step_uuid) FILTER (WHERE e.from_step_uuid IS NOT NULL), '{}') AS parents
            FROM tasker.workflow_steps s
            JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
            LEFT JOIN tasker.workflow_step_edges e ON e.to_step_uuid = s.workflow_step_uuid
            WHERE s.task_uuid = ANY (?::uuid[])
            GROUP BY s.workflow_step_uuid, ns.name
            ORDER BY s.task_uuid, s.workflow_step_uuid
            """;

    private static final String STEP_STATE = """
            SELECT current_state FROM tasker.workflow_steps WHERE workflow_step_uuid = ? AND task_uuid = ?
            """;

    /** Locked, so that no claim can start one of them while the caller changes them (claims skip locked rows). */
    private static final String OPEN_STEPS = """
            SELECT workflow_step_uuid, current_state FROM tasker.workflow_steps
            WHERE task_uuid = ? AND current_state = ANY (?::text[])
            ORDER BY workflow_step_uuid
            FOR UPDATE
            """;

    private static final String FINISH = """
            UPDATE tasker.tasks
            SET complete = ?, completed_at = ?, updated_at = ?
            WHERE task_uuid = ANY (?::uuid[])
            """;

    private static final String REOPEN = """
            UPDATE tasker.tasks SET complete = false, completed_at = NULL, updated_at = ? WHERE task_uuid = ?
            """;

    private static final String FORGET_RETRIES = """
            UPDATE tasker.workflow_steps
            SET next_retry_at = NULL, updated_at = ?
            WHERE task_uuid = ANY (?::uuid[]) AND current_state = 'waiting_for_retry' AND next_retry_at IS NOT NULL
            """;

    /**
     * Locks the tasks' rows (in uuid order, so concurrent lockers cannot deadlock) and returns their current states.
     * With {@code skipLocked} tasks another transaction holds are left out instead of waited for.
     */
    public Map<UUID, TaskState> lock(Tx tx, Collection<UUID> taskUuids, boolean skipLocked) {
        Map<UUID, TaskState> states = new LinkedHashMap<>();
        if (taskUuids.isEmpty()) {
            return states;
        }
        // Two statements on purpose: a row lock that had to wait returns the locked row's latest version, but rows
        // joined to it would still come from the statement's older snapshot.
        List<UUID> locked = tx.query(skipLocked ? LOCK_SKIP_LOCKED : LOCK, row -> row.getObject(1, UUID.class),
                SqlArray.uuids(Set.copyOf(taskUuids)));
        if (!locked.isEmpty()) {
            tx.query(CURRENT_STATES, row -> states.put(row.getObject(1, UUID.class),
                    TaskState.fromDb(row.getString(2))), SqlArray.uuids(locked));
        }
        return states;
    }

    /** Snapshots of locked tasks (their states as returned by {@link #lock}). */
    public List<TaskSnapshot> snapshots(Tx tx, Map<UUID, TaskState> lockedStates) {
        Map<UUID, List<StepSnapshot>> steps = new HashMap<>();
        Map<UUID, String> namespaces = new HashMap<>();
        if (!lockedStates.isEmpty()) {
            tx.query(SNAPSHOT_STEPS, row -> {
                UUID task = row.getObject("task_uuid", UUID.class);
                namespaces.put(task, row.getString("namespace_name"));
                Array parents = row.getArray("parents");
                steps.computeIfAbsent(task, t -> new ArrayList<>()).add(new StepSnapshot(
                        row.getObject("workflow_step_uuid", UUID.class),
                        row.getString("name"),
                        StepState.fromDb(row.getString("current_state")),
                        row.getInt("attempts"),
                        row.getInt("max_attempts"),
                        row.getBoolean("retryable"),
                        Optional.ofNullable(Rows.instant(row, "next_retry_at")),
                        Set.of((UUID[]) parents.getArray()),
                        batchMembership(row.getString("batch_group"), row.getInt("batch_parallelism"),
                                row.getString("batch_failure_strategy"))));
                return null;
            }, SqlArray.uuids(lockedStates.keySet()));
        }
        List<TaskSnapshot> snapshots = new ArrayList<>();
        lockedStates.forEach((task, state) -> snapshots.add(new TaskSnapshot(task,
                namespaces.getOrDefault(task, ""), state, steps.getOrDefault(task, List.of()))));
        return snapshots;
    }

    /** The state of a step of the task, if the task has that step. */
    public Optional<StepState> stepState(Tx tx, UUID taskUuid, UUID stepUuid) {
        return tx.queryOne(STEP_STATE, row -> StepState.fromDb(row.getString(1)), stepUuid, taskUuid);
    }

    /** The task's steps in one of {@code states}, locked, with their states. */
    public Map<UUID, StepState> openSteps(Tx tx, UUID taskUuid, Set<StepState> states) {
        Map<UUID, StepState> steps = new LinkedHashMap<>();
        tx.query(OPEN_STEPS, row -> steps.put(row.getObject(1, UUID.class), StepState.fromDb(row.getString(2))),
                taskUuid, SqlArray.texts(states.stream().map(StepState::dbValue).toList()));
        return steps;
    }

    /** A failed task an operator is repairing is unfinished again. */
    public void reopen(Tx tx, UUID taskUuid, Instant now) {
        tx.update(REOPEN, now, taskUuid);
    }

    private static Optional<StepSnapshot.BatchMembership> batchMembership(String group, int parallelism,
                                                                         String failureStrategy) {
        if (group == null || failureStrategy == null) {
            return Optional.empty();
        }
        return Optional.of(new StepSnapshot.BatchMembership(group, Math.max(1, parallelism),
                StepSnapshot.FailureStrategy.fromConfig(failureStrategy)));
    }

    /** Records that tasks reached a terminal state; {@code complete} only for the state complete. */
    public void finish(Tx tx, List<UUID> taskUuids, boolean complete, Instant now) {
        if (taskUuids.isEmpty()) {
            return;
        }
        tx.update(FINISH, complete, now, now, SqlArray.uuids(taskUuids));
        tx.update(FORGET_RETRIES, now, SqlArray.uuids(taskUuids));
    }
}
