package io.tasker.park;

import io.tasker.handler.StepResult;
import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows of parked steps and of the events that wake them. Every method runs in the caller's transaction, which
 * holds the lock of the tasks concerned ({@code TaskStateStore#lock}): parking, waking and keeping an early event
 * are serialised per task, so an event is never lost between "not parked yet" and "parked".
 */
final class ParkStore {

    /** Drops the attempt's lease (fenced by it) and records what wakes the step; no row when the lease was lost. */
    private static final String PARK = """
            WITH released AS (
                UPDATE tasker.workflow_steps s
                SET lease_token = NULL, lease_expires_at = NULL, claimed_by = NULL, updated_at = ?
                WHERE s.workflow_step_uuid = ? AND s.lease_token = ? AND s.current_state = 'in_progress'
                RETURNING s.workflow_step_uuid, s.task_uuid
            )
            INSERT INTO tasker.parked_steps
                (workflow_step_uuid, task_uuid, kind, wake_key, deadline, on_deadline, details, parked_at)
            SELECT workflow_step_uuid, task_uuid, ?::varchar, ?::varchar, ?::timestamp, ?::jsonb, ?::jsonb, ?::timestamp
            FROM released
            ON CONFLICT (workflow_step_uuid) DO UPDATE
                SET kind = excluded.kind, wake_key = excluded.wake_key, deadline = excluded.deadline,
                    on_deadline = excluded.on_deadline, details = excluded.details, parked_at = excluded.parked_at
            RETURNING workflow_step_uuid
            """;

    /** Another step of the task waiting on the same key (a key wakes one step). */
    private static final String KEY_TAKEN = """
            SELECT p.workflow_step_uuid FROM tasker.parked_steps p
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
            WHERE p.task_uuid = ? AND p.kind = ? AND p.wake_key = ? AND p.workflow_step_uuid <> ?
              AND s.current_state = 'in_progress'
            """;

    /** A key's row left behind by a step that stopped waiting (cancelled, repaired by hand): the key is free. */
    private static final String FREE_KEY = """
            DELETE FROM tasker.parked_steps WHERE task_uuid = ? AND kind = ? AND wake_key = ?
            """;

    private static final String STEP_ON_KEY = """
            SELECT p.workflow_step_uuid FROM tasker.parked_steps p
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
            WHERE p.task_uuid = ? AND p.kind = ? AND p.wake_key = ?
              AND s.current_state = 'in_progress' AND s.lease_token IS NULL
            """;

    /**
     * Takes parked steps for waking: their rows go, and each gets a lease of this transaction only (it expires as
     * it is made), so that its result is written through the ordinary lease-fenced writes. Steps that stopped
     * waiting are left for the sweep.
     */
    private static final String TAKE = """
            WITH taken AS (
                DELETE FROM tasker.parked_steps p
                USING tasker.workflow_steps s
                WHERE p.workflow_step_uuid = ANY (?::uuid[]) AND s.workflow_step_uuid = p.workflow_step_uuid
                  AND s.current_state = 'in_progress' AND s.lease_token IS NULL
                  AND (?::timestamp IS NULL OR p.deadline <= ?::timestamp)
                RETURNING p.*
            )
            UPDATE tasker.workflow_steps s
            SET lease_token = gen_random_uuid(), lease_expires_at = ?
            FROM taken w, tasker.tasks t, tasker.named_steps ns
            WHERE s.workflow_step_uuid = w.workflow_step_uuid AND t.task_uuid = s.task_uuid
              AND ns.named_step_uuid = s.named_step_uuid
            RETURNING s.workflow_step_uuid, s.task_uuid, t.named_task_uuid, ns.name AS step_name, s.namespace_name,
                      s.attempts, s.max_attempts, s.retryable, s.lease_token, s.inputs, w.kind, w.wake_key,
                      w.deadline, w.on_deadline, w.details, w.parked_at
            """;

    private static final String KEEP_EVENT = """
            INSERT INTO tasker.step_wakeups (task_uuid, kind, wake_key, outcome, received_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (task_uuid, kind, wake_key) WHERE consumed_at IS NULL DO NOTHING
            RETURNING wakeup_uuid
            """;

    private static final String RECORD_CONSUMED_EVENT = """
            INSERT INTO tasker.step_wakeups (task_uuid, kind, wake_key, outcome, received_at, consumed_at,
                                             consumed_by_step)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String CONSUME_KEPT_EVENT = """
            UPDATE tasker.step_wakeups SET consumed_at = ?, consumed_by_step = ?
            WHERE task_uuid = ? AND kind = ? AND wake_key = ? AND consumed_at IS NULL
            RETURNING outcome
            """;

    private static final String DUE = """
            SELECT p.workflow_step_uuid, p.task_uuid FROM tasker.parked_steps p
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
            WHERE p.deadline <= ? AND s.current_state = 'in_progress' AND s.lease_token IS NULL
            ORDER BY p.deadline LIMIT ?
            """;

    /** The earliest deadline of a step that still waits (rows left by steps that stopped waiting do not count). */
    private static final String NEXT_DEADLINE = """
            SELECT p.deadline FROM tasker.parked_steps p
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
            WHERE p.deadline IS NOT NULL AND s.current_state = 'in_progress' AND s.lease_token IS NULL
            ORDER BY p.deadline LIMIT 1
            """;

    private static final String ABANDONED = """
            SELECT p.* FROM tasker.parked_steps p
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
            WHERE s.current_state <> 'in_progress' AND (?::uuid IS NULL OR p.task_uuid = ?::uuid)
            LIMIT ?
            """;

    private static final String FORGET = """
            DELETE FROM tasker.parked_steps p
            USING tasker.workflow_steps s
            WHERE p.workflow_step_uuid = ? AND s.workflow_step_uuid = p.workflow_step_uuid
              AND s.current_state <> 'in_progress'
            """;

    private static final String OF_TASK = """
            SELECT p.* FROM tasker.parked_steps p
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
            WHERE p.task_uuid = ? AND s.current_state = 'in_progress' AND s.lease_token IS NULL
            ORDER BY p.parked_at
            """;

    /** A parked step taken for waking, with what its result write needs. */
    record Taken(ParkedStep parked, UUID namedTaskUuid, String stepName, String namespace, int attempts,
                 int maxAttempts, boolean retryable, UUID leaseToken, String templateStepName) {
    }

    /** Parks a claimed step; false when its lease was lost meanwhile. */
    boolean park(Tx tx, UUID stepUuid, UUID leaseToken, StepResult.Park park, Instant now) {
        boolean parked = tx.queryOne(PARK, row -> row.getObject(1, UUID.class), now, stepUuid, leaseToken,
                park.kind(), park.key(), park.deadline(), park.onDeadline().toJson(), park.details(), now).isPresent();
        if (parked) {
            WaitTimeStore.parked(tx, stepUuid, now);
        }
        return parked;
    }

    /** Whether another step of the task waits on this key; a leftover row of a step that stopped waiting goes. */
    boolean keyTaken(Tx tx, ParkKey key, UUID stepUuid) {
        if (tx.queryOne(KEY_TAKEN, row -> row.getObject(1, UUID.class), key.taskUuid(), key.kind(), key.key(),
                stepUuid).isPresent()) {
            return true;
        }
        tx.update(FREE_KEY, key.taskUuid(), key.kind(), key.key());
        return false;
    }

    Optional<UUID> stepOnKey(Tx tx, ParkKey key) {
        return tx.queryOne(STEP_ON_KEY, row -> row.getObject(1, UUID.class), key.taskUuid(), key.kind(), key.key());
    }

    /**
     * Takes these steps for waking, if they still wait.
     *
     * @param dueBy when given, only steps whose deadline is at or before it (a deadline round)
     */
    List<Taken> take(Tx tx, Collection<UUID> stepUuids, Optional<Instant> dueBy, Instant now) {
        if (stepUuids.isEmpty()) {
            return List.of();
        }
        List<Taken> taken = tx.query(TAKE, row -> new Taken(parked(row), row.getObject("named_task_uuid", UUID.class),
                row.getString("step_name"), row.getString("namespace_name"), row.getInt("attempts"),
                row.getInt("max_attempts"), row.getBoolean("retryable"), row.getObject("lease_token", UUID.class),
                templateStepName(row)), SqlArray.uuids(stepUuids), dueBy, dueBy, now);
        WaitTimeStore.woken(tx, taken.stream().map(t -> t.parked().taskUuid()).distinct().toList(), now);
        return taken;
    }

    /** Keeps an event for a step that has not parked yet; false when one already waits on the key. */
    boolean keep(Tx tx, ParkKey key, WakeOutcome outcome, Instant now) {
        return tx.queryOne(KEEP_EVENT, row -> row.getObject(1, UUID.class), key.taskUuid(), key.kind(), key.key(),
                outcome.toJson(), now).isPresent();
    }

    /** Records an event that woke a step at once (the history of signals and the like). */
    void recordConsumed(Tx tx, ParkKey key, WakeOutcome outcome, UUID stepUuid, Instant now) {
        tx.update(RECORD_CONSUMED_EVENT, key.taskUuid(), key.kind(), key.key(), outcome.toJson(), now, now, stepUuid);
    }

    /** The event kept for this key, now consumed by {@code stepUuid}. */
    Optional<WakeOutcome> consumeKept(Tx tx, ParkKey key, UUID stepUuid, Instant now) {
        return tx.queryOne(CONSUME_KEPT_EVENT, row -> WakeOutcome.fromJson(Rows.json(row, "outcome")), now, stepUuid,
                key.taskUuid(), key.kind(), key.key());
    }

    /** Parked steps whose deadline has passed: step uuid and task uuid, earliest first. */
    List<UUID[]> due(Tx tx, Instant now, int limit) {
        return tx.query(DUE, row -> new UUID[] {row.getObject(1, UUID.class), row.getObject(2, UUID.class)},
                now, limit);
    }

    Optional<Instant> nextDeadline(Tx tx) {
        return tx.queryOne(NEXT_DEADLINE, row -> Rows.instant(row, "deadline"));
    }

    /** Rows of steps that stopped waiting without being woken (cancelled, failed as stale, repaired by hand). */
    List<ParkedStep> abandoned(Tx tx, Optional<UUID> taskUuid, int limit) {
        UUID task = taskUuid.orElse(null);
        return tx.query(ABANDONED, ParkStore::parked, task, task, limit);
    }

    void forget(Tx tx, UUID stepUuid) {
        tx.update(FORGET, stepUuid);
    }

    List<ParkedStep> ofTask(Tx tx, UUID taskUuid) {
        return tx.query(OF_TASK, ParkStore::parked, taskUuid);
    }

    private static ParkedStep parked(ResultSet row) throws SQLException {
        return new ParkedStep(row.getObject("workflow_step_uuid", UUID.class),
                new ParkKey(row.getObject("task_uuid", UUID.class), row.getString("kind"), row.getString("wake_key")),
                Rows.instant(row, "parked_at"), Optional.ofNullable(Rows.instant(row, "deadline")),
                WakeOutcome.fromJson(Rows.json(row, "on_deadline")), Rows.json(row, "details"));
    }

    private static String templateStepName(ResultSet row) throws SQLException {
        String inputs = row.getString("inputs");
        if (inputs != null) {
            String name = Json.parse(inputs).path("template_step_name").asString("");
            if (!name.isEmpty()) {
                return name;
            }
        }
        return row.getString("step_name");
    }
}
