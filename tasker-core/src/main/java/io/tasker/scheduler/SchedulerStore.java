package io.tasker.scheduler;

import io.tasker.dlq.DeadLetterQueue;
import io.tasker.dlq.TaskStaleness;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The SQL of the scheduler's jobs: due retries, expired leases, stale tasks, retention, planner statistics. */
final class SchedulerStore {

    /**
     * A claim whose lease ran out: its worker died or stopped renewing, or (an external step) its timeout passed.
     *
     * @param templateStep the template's step name (a batch worker's template step, for a dynamic step)
     */
    record ExpiredLease(UUID stepUuid, UUID taskUuid, UUID leaseToken, int attempts, int maxAttempts,
                        boolean retryable, boolean externalHandler, Instant lastAttemptedAt, Instant leaseExpiresAt,
                        UUID namedTaskUuid, String templateStep) {
    }

    private static final String DUE_RETRIES = """
            SELECT DISTINCT task_uuid FROM (
                SELECT task_uuid FROM tasker.workflow_steps
                WHERE current_state = 'waiting_for_retry' AND next_retry_at <= ?
                ORDER BY next_retry_at
                LIMIT ?
            ) due
            """;

    private static final String NEXT_RETRY = """
            SELECT min(next_retry_at) AS next_retry_at FROM tasker.workflow_steps
            WHERE current_state = 'waiting_for_retry' AND next_retry_at IS NOT NULL
            """;

    private static final String EXPIRED_LEASES = """
            SELECT s.workflow_step_uuid, s.task_uuid, s.lease_token, s.attempts, s.max_attempts, s.retryable,
                   s.external_handler, s.last_attempted_at, s.lease_expires_at, t.named_task_uuid,
                   coalesce(s.inputs ->> 'template_step_name', ns.name) AS template_step
            FROM tasker.workflow_steps s
            JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
            JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
            WHERE s.current_state = 'in_progress' AND s.lease_expires_at < ?
            ORDER BY s.lease_expires_at
            LIMIT ?
            """;

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

    private static final String RETIREMENT_CANDIDATES = """
            SELECT tt.task_uuid FROM tasker.task_transitions tt
            WHERE tt.most_recent AND tt.to_state IN ('complete', 'cancelled', 'resolved_manually')
              AND tt.created_at < ?
              AND NOT EXISTS (SELECT 1 FROM tasker.tasks_dlq d
                              WHERE d.task_uuid = tt.task_uuid AND d.resolution_status = 'pending')
            LIMIT ?
            """;

    /** Re-checked under the locks: a dead letter entry may have been opened meanwhile. */
    private static final String WITHOUT_PENDING_ENTRY = """
            SELECT u.task_uuid FROM unnest(?::uuid[]) AS u(task_uuid)
            WHERE NOT EXISTS (SELECT 1 FROM tasker.tasks_dlq d
                              WHERE d.task_uuid = u.task_uuid AND d.resolution_status = 'pending')
            """;

    private static final String RETIRE = "SELECT tasker.retire_tasks(?::uuid[], ?)";

    private static final String STALE_STATISTICS = """
            SELECT relname FROM pg_stat_user_tables
            WHERE schemaname = 'tasker' AND relname = ANY (?::text[])
              AND n_mod_since_analyze > greatest(1000, 0.2 * n_live_tup)
            """;

    List<UUID> tasksWithDueRetries(Tx tx, Instant now, int limit) {
        return tx.query(DUE_RETRIES, row -> row.getObject(1, UUID.class), now, limit);
    }

    Optional<Instant> nextRetryAt(Tx tx) {
        return tx.queryOne(NEXT_RETRY, row -> Rows.instant(row, "next_retry_at")).flatMap(Optional::ofNullable);
    }

    List<ExpiredLease> expiredLeases(Tx tx, Instant now, int limit) {
        return tx.query(EXPIRED_LEASES, row -> new ExpiredLease(row.getObject("workflow_step_uuid", UUID.class),
                row.getObject("task_uuid", UUID.class), row.getObject("lease_token", UUID.class),
                row.getInt("attempts"), row.getInt("max_attempts"), row.getBoolean("retryable"),
                row.getBoolean("external_handler"), Rows.instant(row, "last_attempted_at"),
                Rows.instant(row, "lease_expires_at"), row.getObject("named_task_uuid", UUID.class),
                row.getString("template_step")), now, limit);
    }

    List<TaskStaleness> staleTasks(Tx tx, Instant now, int limit) {
        return tx.query(STALE, DeadLetterQueue::staleness, now, limit);
    }

    Optional<TaskStaleness> stillStale(Tx tx, Instant now, UUID taskUuid) {
        return tx.queryOne(STILL_STALE, DeadLetterQueue::staleness, now, taskUuid);
    }

    boolean hasDependencyCycle(Tx tx, UUID taskUuid) {
        return tx.queryOne(CYCLE, row -> row.getBoolean(1), taskUuid).orElse(false);
    }

    /** Steps wait in the queue and none runs: no worker serves the namespace. */
    boolean queuedButNotRunning(Tx tx, UUID taskUuid) {
        return tx.queryOne(QUEUED_BUT_NOT_RUNNING, row -> row.getBoolean(1), taskUuid).orElse(false);
    }

    List<UUID> retirementCandidates(Tx tx, Instant finishedBefore, int limit) {
        return tx.query(RETIREMENT_CANDIDATES, row -> row.getObject(1, UUID.class), finishedBefore, limit);
    }

    List<UUID> withoutPendingDeadLetters(Tx tx, Collection<UUID> taskUuids) {
        return tx.query(WITHOUT_PENDING_ENTRY, row -> row.getObject(1, UUID.class), SqlArray.uuids(taskUuids));
    }

    /** Removes the tasks with all their rows (archiving them first if asked); returns how many. */
    int retire(Tx tx, Collection<UUID> taskUuids, boolean archive) {
        return tx.queryOne(RETIRE, row -> row.getInt(1), SqlArray.uuids(taskUuids), archive).orElse(0);
    }

    /** Of {@code tables}, those whose planner statistics have gone stale. */
    List<String> staleStatistics(Tx tx, Set<String> tables) {
        return tx.query(STALE_STATISTICS, row -> row.getString(1), SqlArray.texts(tables));
    }

    boolean tryAdvisoryLock(Tx tx, long key) {
        return tx.queryOne("SELECT pg_try_advisory_xact_lock(?)", row -> row.getBoolean(1), key).orElse(false);
    }

    /** {@code table} must come from a fixed set of names: it cannot be a bound parameter. */
    void analyze(Tx tx, String table) {
        tx.update("ANALYZE tasker." + table);
    }
}
