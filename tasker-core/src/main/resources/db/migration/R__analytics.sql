-- ---------------------------------------------------------------------------------------------------------------
-- Analytics functions (used by io.tasker.analytics.Analytics).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP FUNCTION IF EXISTS tasker.get_analytics_metrics_v01(timestamp, timestamp);
DROP FUNCTION IF EXISTS tasker.get_system_health_counts_v01(timestamp);
DROP FUNCTION IF EXISTS tasker.get_slowest_steps_v01(timestamp, integer, text, text, text, timestamp);
DROP FUNCTION IF EXISTS tasker.get_slowest_tasks_v01(timestamp, integer, text, text, text, timestamp);
DROP FUNCTION IF EXISTS tasker.get_most_retried_steps_v01(timestamp, integer, text, text, text, timestamp);

-- ---------------------------------------------------------------------------------------------------------------
-- Analytics: the read side behind /v1/analytics and `tasker system health`. Named and shaped after the reference's
-- *_v01 functions, adapted to this schema:
--   * A window is [since_timestamp, until_timestamp) in UTC `timestamp`s like every column here; until defaults to
--     now, since to the reference's look-back (1 hour for the metrics, 24 hours for the bottleneck lists).
--   * Task figures follow the cohort of tasks created in the window, in the state they are in now; step figures
--     follow the results recorded in the window (workflow_step_result_audit), whose execution_time_ms is what the
--     handler took. Durations are seconds rounded to the millisecond, rates are percentages (2 decimals).
--   * Percentiles are percentile_disc (nearest rank: the smallest observed value that at least that fraction of
--     the values do not exceed), so every percentile is a duration that really happened.
--   * Each windowed query starts from a time index (tasks_created_at_idx, workflow_step_result_audit_recorded_at_idx)
--     and reaches other rows by their keys, so its cost follows the size of the window, not of the tables.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.get_analytics_metrics_v01(since_timestamp timestamp DEFAULT NULL,
                                                 until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    active_tasks_count      bigint,
    total_namespaces_count  bigint,
    unique_task_types_count bigint,
    system_health_score     numeric,
    task_throughput         bigint,
    completion_count        bigint,
    error_count             bigint,
    completion_rate         numeric,
    error_rate              numeric,
    tasks_per_hour          numeric,
    avg_task_duration       numeric,
    p50_task_duration       numeric,
    p95_task_duration       numeric,
    p99_task_duration       numeric,
    step_throughput         bigint,
    steps_per_hour          numeric,
    avg_step_duration       numeric,
    p50_step_duration       numeric,
    p95_step_duration       numeric,
    p99_step_duration       numeric,
    analysis_period_start   timestamp,
    calculated_at           timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '1 hour') AS since_at, u.until_at,
               extract(epoch FROM u.until_at - coalesce(since_timestamp, u.until_at - interval '1 hour')) / 3600
                   AS hours
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), cohort AS (
        SELECT t.named_task_uuid, tt.to_state,
               CASE WHEN tt.to_state = 'complete' THEN extract(epoch FROM t.completed_at - t.created_at) END
                   AS seconds
        FROM bounds b
        JOIN tasker.tasks t ON t.created_at >= b.since_at AND t.created_at < b.until_at
        JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
    ), tasks_summary AS (
        SELECT count(*) AS created,
               count(*) FILTER (WHERE c.to_state = 'complete') AS completed,
               count(*) FILTER (WHERE c.to_state = 'error') AS failed,
               round(avg(c.seconds), 3) AS avg_seconds,
               percentile_disc(ARRAY[0.5, 0.95, 0.99]::float8[]) WITHIN GROUP (ORDER BY c.seconds) AS percentiles
        FROM cohort c
    ), templates AS (
        SELECT count(DISTINCT nt.task_namespace_uuid) AS namespaces,
               count(DISTINCT (nt.task_namespace_uuid, nt.name)) AS task_types
        FROM (SELECT DISTINCT c.named_task_uuid FROM cohort c) used
        JOIN tasker.named_tasks nt ON nt.named_task_uuid = used.named_task_uuid
    ), steps_summary AS (
        SELECT count(*) AS results,
               round(avg(a.execution_time_ms) / 1000, 3) AS avg_seconds,
               percentile_disc(ARRAY[0.5, 0.95, 0.99]::float8[]) WITHIN GROUP (ORDER BY a.execution_time_ms) AS percentiles_ms
        FROM bounds b
        JOIN tasker.workflow_step_result_audit a ON a.recorded_at >= b.since_at AND a.recorded_at < b.until_at
    ), active AS (
        -- the non-terminal states, listed so that the partial index on current task states is read by state
        SELECT count(*) AS tasks
        FROM tasker.task_transitions tt
        WHERE tt.most_recent
          AND tt.to_state IN ('pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
                              'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures')
    )
    SELECT a.tasks, tp.namespaces, tp.task_types,
           CASE WHEN ts.completed + ts.failed > 0
                THEN round(ts.completed::numeric / (ts.completed + ts.failed), 3) ELSE 1.000 END,
           ts.created, ts.completed, ts.failed,
           CASE WHEN ts.created > 0 THEN round(ts.completed * 100.0 / ts.created, 2) ELSE 0.00 END,
           CASE WHEN ts.created > 0 THEN round(ts.failed * 100.0 / ts.created, 2) ELSE 0.00 END,
           round(ts.created / nullif(b.hours, 0), 2),
           ts.avg_seconds,
           round(ts.percentiles[1], 3), round(ts.percentiles[2], 3), round(ts.percentiles[3], 3),
           ss.results,
           round(ss.results / nullif(b.hours, 0), 2),
           ss.avg_seconds,
           round(ss.percentiles_ms[1] / 1000.0, 3), round(ss.percentiles_ms[2] / 1000.0, 3),
           round(ss.percentiles_ms[3] / 1000.0, 3),
           b.since_at, b.until_at
    FROM bounds b, tasks_summary ts, templates tp, steps_summary ss, active a
$$;
COMMENT ON FUNCTION tasker.get_analytics_metrics_v01(timestamp, timestamp) IS
    'Performance over a window: active tasks now; of the tasks created in the window, namespaces, templates, how many '
    'completed or failed (rates in percent, health score = completed / (completed + failed)), tasks per hour and the '
    'duration (seconds, created to completed, completed tasks only: average and p50/p95/p99); of the step results '
    'recorded in the window, how many, per hour, and the execution time (average and p50/p95/p99). Percentiles are '
    'percentile_disc; durations are NULL when there is nothing to measure';

CREATE FUNCTION tasker.get_system_health_counts_v01(as_of timestamp DEFAULT NULL)
RETURNS TABLE (
    pending_tasks                             bigint,
    initializing_tasks                        bigint,
    enqueuing_steps_tasks                     bigint,
    steps_in_process_tasks                    bigint,
    evaluating_results_tasks                  bigint,
    waiting_for_dependencies_tasks            bigint,
    waiting_for_retry_tasks                   bigint,
    blocked_by_failures_tasks                 bigint,
    complete_tasks                            bigint,
    error_tasks                               bigint,
    cancelled_tasks                           bigint,
    resolved_manually_tasks                   bigint,
    total_tasks                               bigint,
    pending_steps                             bigint,
    enqueued_steps                            bigint,
    in_progress_steps                         bigint,
    enqueued_for_orchestration_steps          bigint,
    enqueued_as_error_for_orchestration_steps bigint,
    waiting_for_retry_steps                   bigint,
    complete_steps                            bigint,
    error_steps                               bigint,
    cancelled_steps                           bigint,
    resolved_manually_steps                   bigint,
    total_steps                               bigint,
    exhausted_retry_steps                     bigint,
    ready_steps                               bigint,
    in_flight_steps                           bigint,
    dlq_pending_entries                       bigint,
    oldest_pending_step_enqueued_at           timestamp,
    oldest_pending_step_age_seconds           numeric,
    calculated_at                             timestamp
)
LANGUAGE sql STABLE AS $$
    WITH task_counts AS (
        -- an index-only pass over the partial index of current task states
        SELECT count(*) FILTER (WHERE tt.to_state = 'pending') AS pending,
               count(*) FILTER (WHERE tt.to_state = 'initializing') AS initializing,
               count(*) FILTER (WHERE tt.to_state = 'enqueuing_steps') AS enqueuing_steps,
               count(*) FILTER (WHERE tt.to_state = 'steps_in_process') AS steps_in_process,
               count(*) FILTER (WHERE tt.to_state = 'evaluating_results') AS evaluating_results,
               count(*) FILTER (WHERE tt.to_state = 'waiting_for_dependencies') AS waiting_for_dependencies,
               count(*) FILTER (WHERE tt.to_state = 'waiting_for_retry') AS waiting_for_retry,
               count(*) FILTER (WHERE tt.to_state = 'blocked_by_failures') AS blocked_by_failures,
               count(*) FILTER (WHERE tt.to_state = 'complete') AS complete,
               count(*) FILTER (WHERE tt.to_state = 'error') AS error,
               count(*) FILTER (WHERE tt.to_state = 'cancelled') AS cancelled,
               count(*) FILTER (WHERE tt.to_state = 'resolved_manually') AS resolved_manually,
               count(*) AS total
        FROM tasker.task_transitions tt
        WHERE tt.most_recent
    ), step_counts AS (
        -- every step row once: counts by state have no narrower index to read
        SELECT count(*) FILTER (WHERE s.current_state = 'pending') AS pending,
               count(*) FILTER (WHERE s.current_state = 'enqueued') AS enqueued,
               count(*) FILTER (WHERE s.current_state = 'in_progress') AS in_progress,
               count(*) FILTER (WHERE s.current_state = 'enqueued_for_orchestration') AS enqueued_for_orchestration,
               count(*) FILTER (WHERE s.current_state = 'enqueued_as_error_for_orchestration')
                   AS enqueued_as_error_for_orchestration,
               count(*) FILTER (WHERE s.current_state = 'waiting_for_retry') AS waiting_for_retry,
               count(*) FILTER (WHERE s.current_state = 'complete') AS complete,
               count(*) FILTER (WHERE s.current_state = 'error') AS error,
               count(*) FILTER (WHERE s.current_state = 'cancelled') AS cancelled,
               count(*) FILTER (WHERE s.current_state = 'resolved_manually') AS resolved_manually,
               count(*) AS total,
               count(*) FILTER (WHERE s.current_state = 'error' AND s.attempts >= s.max_attempts) AS exhausted
        FROM tasker.workflow_steps s
    ), queue AS (
        -- the claim index holds exactly the enqueued steps
        SELECT min(s.enqueued_at) AS oldest
        FROM tasker.workflow_steps s
        WHERE s.current_state = 'enqueued'
    ), dlq AS (
        SELECT count(*) AS pending
        FROM tasker.tasks_dlq d
        WHERE d.resolution_status = 'pending'
    ), clock AS (
        SELECT coalesce(as_of, timezone('utc', now())) AS now_at
    )
    SELECT tc.pending, tc.initializing, tc.enqueuing_steps, tc.steps_in_process, tc.evaluating_results,
           tc.waiting_for_dependencies, tc.waiting_for_retry, tc.blocked_by_failures, tc.complete, tc.error,
           tc.cancelled, tc.resolved_manually, tc.total,
           sc.pending, sc.enqueued, sc.in_progress, sc.enqueued_for_orchestration,
           sc.enqueued_as_error_for_orchestration, sc.waiting_for_retry, sc.complete, sc.error, sc.cancelled,
           sc.resolved_manually, sc.total, sc.exhausted,
           sc.enqueued, sc.in_progress,
           d.pending,
           q.oldest,
           CASE WHEN q.oldest IS NOT NULL THEN round(greatest(extract(epoch FROM c.now_at - q.oldest), 0), 3) END,
           c.now_at
    FROM task_counts tc, step_counts sc, queue q, dlq d, clock c
$$;
COMMENT ON FUNCTION tasker.get_system_health_counts_v01(timestamp) IS
    'System-wide counts: tasks by current state, steps by current state, steps whose attempts are exhausted, ready '
    '(enqueued, waiting for a worker) and in-flight (in_progress) steps, the dead letter queue''s depth (pending '
    'entries), and the oldest enqueued step with its age in seconds at as_of (default now)';

CREATE FUNCTION tasker.get_slowest_steps_v01(since_timestamp timestamp DEFAULT NULL,
                                             limit_count integer DEFAULT 10,
                                             namespace_filter text DEFAULT NULL,
                                             task_name_filter text DEFAULT NULL,
                                             version_filter text DEFAULT NULL,
                                             until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    namespace_name           text,
    task_name                text,
    version                  text,
    step_name                text,
    execution_count          bigint,
    average_duration_seconds numeric,
    p95_duration_seconds     numeric,
    max_duration_seconds     numeric,
    error_count              bigint,
    error_rate               numeric,
    last_executed_at         timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '24 hours') AS since_at, u.until_at
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), executions AS (
        SELECT a.workflow_step_uuid, a.task_uuid, a.success, a.execution_time_ms, a.recorded_at
        FROM bounds b
        JOIN tasker.workflow_step_result_audit a ON a.recorded_at >= b.since_at AND a.recorded_at < b.until_at
        WHERE a.execution_time_ms IS NOT NULL
    )
    SELECT tn.name::text, nt.name::text, nt.version::text, ns.name::text,
           count(*),
           round(avg(e.execution_time_ms) / 1000, 3),
           round(percentile_disc(0.95) WITHIN GROUP (ORDER BY e.execution_time_ms) / 1000.0, 3),
           round(max(e.execution_time_ms) / 1000.0, 3),
           count(*) FILTER (WHERE NOT e.success),
           round(count(*) FILTER (WHERE NOT e.success) * 100.0 / count(*), 2),
           max(e.recorded_at)
    FROM executions e
    JOIN tasker.workflow_steps s ON s.workflow_step_uuid = e.workflow_step_uuid
    JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
    JOIN tasker.tasks t ON t.task_uuid = e.task_uuid
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
    JOIN tasker.task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
    WHERE (namespace_filter IS NULL OR tn.name = namespace_filter)
      AND (task_name_filter IS NULL OR nt.name = task_name_filter)
      AND (version_filter IS NULL OR nt.version = version_filter)
    GROUP BY tn.name, nt.name, nt.version, ns.name
    ORDER BY avg(e.execution_time_ms) DESC, max(e.execution_time_ms) DESC, tn.name, nt.name, nt.version, ns.name
    LIMIT limit_count
$$;
COMMENT ON FUNCTION tasker.get_slowest_steps_v01(timestamp, integer, text, text, text, timestamp) IS
    'The template steps (namespace, template, version, step) whose handlers ran longest on average in the window '
    '(default the last 24 hours), from the execution times of the attempts recorded then: attempts, average, p95 '
    '(percentile_disc) and longest run in seconds, failed attempts and their share in percent, the last result';

CREATE FUNCTION tasker.get_slowest_tasks_v01(since_timestamp timestamp DEFAULT NULL,
                                             limit_count integer DEFAULT 10,
                                             namespace_filter text DEFAULT NULL,
                                             task_name_filter text DEFAULT NULL,
                                             version_filter text DEFAULT NULL,
                                             until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    namespace_name           text,
    task_name                text,
    version                  text,
    task_count               bigint,
    completed_count          bigint,
    error_count              bigint,
    error_rate               numeric,
    average_duration_seconds numeric,
    p95_duration_seconds     numeric,
    max_duration_seconds     numeric,
    average_step_count       numeric,
    last_completed_at        timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '24 hours') AS since_at, u.until_at
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), cohort AS (
        SELECT t.task_uuid, t.named_task_uuid, t.completed_at, tt.to_state,
               CASE WHEN tt.to_state = 'complete' THEN extract(epoch FROM t.completed_at - t.created_at) END
                   AS seconds
        FROM bounds b
        JOIN tasker.tasks t ON t.created_at >= b.since_at AND t.created_at < b.until_at
        JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
    )
    SELECT tn.name::text, nt.name::text, nt.version::text,
           count(*),
           count(c.seconds),
           count(*) FILTER (WHERE c.to_state = 'error'),
           round(count(*) FILTER (WHERE c.to_state = 'error') * 100.0 / count(*), 2),
           round(avg(c.seconds), 3),
           round(percentile_disc(0.95) WITHIN GROUP (ORDER BY c.seconds), 3),
           round(max(c.seconds), 3),
           round(avg(steps.total), 2),
           max(c.completed_at) FILTER (WHERE c.seconds IS NOT NULL)
    FROM cohort c
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = c.named_task_uuid
    JOIN tasker.task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
    CROSS JOIN LATERAL (
        SELECT count(*) AS total FROM tasker.workflow_steps s WHERE s.task_uuid = c.task_uuid
    ) steps
    WHERE (namespace_filter IS NULL OR tn.name = namespace_filter)
      AND (task_name_filter IS NULL OR nt.name = task_name_filter)
      AND (version_filter IS NULL OR nt.version = version_filter)
    GROUP BY tn.name, nt.name, nt.version
    HAVING count(c.seconds) > 0
    ORDER BY avg(c.seconds) DESC, max(c.seconds) DESC, tn.name, nt.name, nt.version
    LIMIT limit_count
$$;
COMMENT ON FUNCTION tasker.get_slowest_tasks_v01(timestamp, integer, text, text, text, timestamp) IS
    'The templates (namespace, name, version) whose tasks created in the window (default the last 24 hours) took '
    'longest to complete on average: tasks created, completed and failed (share in percent), average, p95 '
    '(percentile_disc) and longest duration in seconds from created to completed, steps per task, last completion. '
    'Only templates with a completed task in the window';

CREATE FUNCTION tasker.get_most_retried_steps_v01(since_timestamp timestamp DEFAULT NULL,
                                                  limit_count integer DEFAULT 10,
                                                  namespace_filter text DEFAULT NULL,
                                                  task_name_filter text DEFAULT NULL,
                                                  version_filter text DEFAULT NULL,
                                                  until_timestamp timestamp DEFAULT NULL)
RETURNS TABLE (
    namespace_name  text,
    task_name       text,
    version         text,
    step_name       text,
    step_count      bigint,
    retried_steps   bigint,
    failed_attempts bigint,
    total_attempts  bigint,
    highest_attempt integer,
    error_steps     bigint,
    last_failure_at timestamp
)
LANGUAGE sql STABLE AS $$
    WITH bounds AS (
        SELECT coalesce(since_timestamp, u.until_at - interval '24 hours') AS since_at, u.until_at
        FROM (SELECT coalesce(until_timestamp, timezone('utc', now())) AS until_at) u
    ), recorded AS (
        SELECT a.workflow_step_uuid, a.task_uuid,
               count(*) FILTER (WHERE NOT a.success) AS failures,
               max(a.recorded_at) FILTER (WHERE NOT a.success) AS last_failure_at
        FROM bounds b
        JOIN tasker.workflow_step_result_audit a ON a.recorded_at >= b.since_at AND a.recorded_at < b.until_at
        GROUP BY a.workflow_step_uuid, a.task_uuid
    )
    SELECT tn.name::text, nt.name::text, nt.version::text, ns.name::text,
           count(*),
           count(*) FILTER (WHERE s.attempts > 1),
           sum(r.failures)::bigint,
           sum(s.attempts)::bigint,
           max(s.attempts),
           count(*) FILTER (WHERE s.current_state = 'error'),
           max(r.last_failure_at)
    FROM recorded r
    JOIN tasker.workflow_steps s ON s.workflow_step_uuid = r.workflow_step_uuid
    JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
    JOIN tasker.tasks t ON t.task_uuid = r.task_uuid
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
    JOIN tasker.task_namespaces tn ON tn.task_namespace_uuid = nt.task_namespace_uuid
    WHERE (namespace_filter IS NULL OR tn.name = namespace_filter)
      AND (task_name_filter IS NULL OR nt.name = task_name_filter)
      AND (version_filter IS NULL OR nt.version = version_filter)
    GROUP BY tn.name, nt.name, nt.version, ns.name
    HAVING count(*) FILTER (WHERE s.attempts > 1) > 0 OR sum(r.failures) > 0
    ORDER BY sum(r.failures) DESC, count(*) FILTER (WHERE s.attempts > 1) DESC, max(s.attempts) DESC,
             tn.name, nt.name, nt.version, ns.name
    LIMIT limit_count
$$;
COMMENT ON FUNCTION tasker.get_most_retried_steps_v01(timestamp, integer, text, text, text, timestamp) IS
    'The template steps retried or failing most among the steps with a result recorded in the window (default the '
    'last 24 hours): those steps, how many took more than one attempt, the failed attempts recorded in the window, '
    'their attempts in total and at most, how many are in error now, and the last failure';
