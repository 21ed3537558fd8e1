package io.tasker.park;

import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * How long each task has waited with a step parked ({@code tasker.task_waits}), so that staleness does not count a
 * wait within its timeout as the task's age: a stretch begins when a step parks while none of the task's other steps
 * waits, and ends when its last waiting step is woken. Runs in the transaction that parks or wakes, under the task's
 * lock.
 */
final class WaitTimeStore {

    /** A stretch begins unless another step of the task is already waiting (then the stretch under way goes on). */
    private static final String PARKED = """
            INSERT INTO tasker.task_waits AS w (task_uuid, waiting_since)
            SELECT s.task_uuid, ?::timestamp FROM tasker.workflow_steps s WHERE s.workflow_step_uuid = ?
            ON CONFLICT (task_uuid) DO UPDATE SET waiting_since = CASE
                WHEN w.waiting_since IS NOT NULL AND EXISTS (
                    SELECT 1 FROM tasker.parked_steps p
                    JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
                    WHERE p.task_uuid = excluded.task_uuid AND p.workflow_step_uuid <> ?
                      AND s.current_state = 'in_progress' AND s.lease_token IS NULL)
                THEN w.waiting_since ELSE excluded.waiting_since END
            """;

    /** The stretch ends when no step of the task waits any more. */
    private static final String WOKEN = """
            UPDATE tasker.task_waits w
            SET waited_ms = w.waited_ms
                    + greatest(round(extract(epoch FROM ?::timestamp - w.waiting_since) * 1000)::bigint, 0),
                waiting_since = NULL,
                last_woken_at = ?::timestamp
            WHERE w.task_uuid = ANY (?::uuid[]) AND w.waiting_since IS NOT NULL
              AND NOT EXISTS (
                  SELECT 1 FROM tasker.parked_steps p
                  JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
                  WHERE p.task_uuid = w.task_uuid AND s.current_state = 'in_progress' AND s.lease_token IS NULL)
            """;

    private WaitTimeStore() {
    }

    static void parked(Tx tx, UUID stepUuid, Instant now) {
        tx.update(PARKED, now, stepUuid, stepUuid);
    }

    static void woken(Tx tx, Collection<UUID> taskUuids, Instant now) {
        if (!taskUuids.isEmpty()) {
            tx.update(WOKEN, now, now, SqlArray.uuids(taskUuids));
        }
    }
}
