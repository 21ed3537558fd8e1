-- ---------------------------------------------------------------------------------------------------------------
-- Dead letter queue and staleness: task snapshots, staleness, dependency cycles, the DLQ's views (used by
-- io.tasker.dlq and io.tasker.scheduler.StalenessDetector). Times are UTC timestamps without time zone, like
-- every column of the schema; functions take the caller's "now" so that an engine's clock (and a test's) decides
-- what is stale, and the views pass the database's own.
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP VIEW IF EXISTS tasker.v_task_staleness_monitoring;
DROP VIEW IF EXISTS tasker.v_dlq_dashboard;
DROP VIEW IF EXISTS tasker.v_dlq_investigation_queue;
DROP FUNCTION IF EXISTS tasker.task_snapshot(uuid);
DROP FUNCTION IF EXISTS tasker.task_staleness(timestamp);
DROP FUNCTION IF EXISTS tasker.task_dependency_cycle(uuid);

-- The task as it was: the task row, its state, and each step with its state, attempts, last transition and result
-- (a failed step's result is its error). Kept in a DLQ entry so investigations see what the task looked like.
CREATE FUNCTION tasker.task_snapshot(input_task_uuid uuid)
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_build_object(
        'task', jsonb_build_object(
            'task_uuid', t.task_uuid, 'namespace', ns.name, 'name', nt.name, 'version', nt.version,
            'state', tt.to_state, 'state_since', tt.created_at, 'priority', t.priority, 'context', t.context,
            'initiator', t.initiator, 'source_system', t.source_system, 'reason', t.reason,
            'correlation_id', t.correlation_id, 'parent_correlation_id', t.parent_correlation_id,
            'created_at', t.created_at, 'completed_at', t.completed_at),
        'steps', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'step_uuid', s.workflow_step_uuid, 'name', n.name, 'state', s.current_state,
                       'attempts', s.attempts, 'max_attempts', s.max_attempts, 'retryable', s.retryable,
                       'last_attempted_at', s.last_attempted_at, 'next_retry_at', s.next_retry_at,
                       'claimed_by', s.claimed_by, 'results', s.results,
                       'last_transition', (
                           SELECT jsonb_build_object('from_state', st.from_state, 'to_state', st.to_state,
                                                     'at', st.created_at, 'metadata', st.metadata)
                           FROM tasker.workflow_step_transitions st
                           WHERE st.workflow_step_uuid = s.workflow_step_uuid AND st.most_recent))
                   ORDER BY s.workflow_step_uuid)
            FROM tasker.workflow_steps s
            JOIN tasker.named_steps n ON n.named_step_uuid = s.named_step_uuid
            WHERE s.task_uuid = t.task_uuid), '[]'::jsonb))
    FROM tasker.tasks t
    JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
    JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
    JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
    WHERE t.task_uuid = input_task_uuid
$$;
COMMENT ON FUNCTION tasker.task_snapshot(uuid) IS
    'The task, its state and every step with state, attempts, last transition and result, as one JSON document';

-- How long each unfinished task has been in its state and alive, against its template's lifecycle limits
-- (defaults: waiting_for_dependencies 60 min, waiting_for_retry 30, steps_in_process 30, other states and the whole
-- task 1440). staleness_percent is the larger of the two ratios; below 80 healthy, below 100 warning, else stale;
-- a task whose parked step waits within its deadline (or with none) is 'waiting', never stale (since V3), and so is
-- a task created to start later before its start; a delayed task's age counts from its start (since V3_2). Time spent
-- waiting with a step parked (a signal, a timer, a child task, a person: tasker.task_waits, since V3_5) is not the
-- task's work: the age the percentage compares with max_duration leaves out the finished waits, and time in state
-- counts from the end of the last wait, so a task woken after a long wait within its timeout is not stale at once.
-- Reads only unfinished tasks, through the partial index on the tasks' current states.
CREATE FUNCTION tasker.task_staleness(as_of timestamp)
RETURNS TABLE (
    task_uuid            uuid,
    namespace_name       varchar,
    task_name            varchar,
    task_version         varchar,
    current_state        varchar,
    state_entered_at     timestamp,
    minutes_in_state     numeric,
    threshold_minutes    integer,
    task_age_minutes     numeric,
    max_duration_minutes integer,
    staleness_percent    numeric,
    health_status        text,
    staleness_action     text,
    priority             integer
)
LANGUAGE sql STABLE
AS $$
    SELECT l.task_uuid, l.namespace_name, l.task_name, l.task_version, l.current_state, l.state_entered_at,
           round(l.minutes_in_state, 2), l.threshold_minutes, round(l.task_age_minutes, 2), l.max_duration_minutes,
           round(l.percent, 1),
           CASE WHEN l.starts_later OR EXISTS (
                    SELECT 1 FROM tasker.parked_steps p
                    JOIN tasker.workflow_steps s ON s.workflow_step_uuid = p.workflow_step_uuid
                    WHERE p.task_uuid = l.task_uuid AND s.current_state = 'in_progress'
                      AND (p.deadline IS NULL OR p.deadline > as_of)) THEN 'waiting'
                WHEN l.percent >= 100 THEN 'stale' WHEN l.percent >= 80 THEN 'warning' ELSE 'healthy' END,
           l.staleness_action, l.priority
    FROM (
        SELECT t.task_uuid, ns.name AS namespace_name, nt.name AS task_name, nt.version AS task_version,
               tt.to_state AS current_state, tt.created_at AS state_entered_at,
               extract(epoch FROM as_of - tt.created_at) / 60 AS minutes_in_state,
               th.threshold_minutes,
               extract(epoch FROM as_of - t.started_at) / 60 AS task_age_minutes,
               th.max_duration_minutes,
               greatest(extract(epoch FROM as_of - greatest(tt.created_at, t.started_at, t.last_woken_at))
                            / 60 / th.threshold_minutes,
                        (extract(epoch FROM as_of - t.started_at) - t.waited_ms / 1000.0) / 60
                            / th.max_duration_minutes)
                   * 100 AS percent,
               th.staleness_action, t.priority, t.run_at > as_of AS starts_later
        FROM tasker.task_transitions tt
        -- One key lookup per unfinished task (the OFFSET 0 fence keeps it so): the cost follows the unfinished
        -- tasks, never the finished history, which a hash join over all of tasks would read every round.
        -- A delayed task counts from when it is due to start.
        CROSS JOIN LATERAL (
            SELECT t.task_uuid, t.named_task_uuid, greatest(t.created_at, d.run_at) AS started_at, d.run_at,
                   t.priority, coalesce(w.waited_ms, 0) AS waited_ms, w.last_woken_at
            FROM tasker.tasks t LEFT JOIN tasker.delayed_tasks d ON d.task_uuid = t.task_uuid
            LEFT JOIN tasker.task_waits w ON w.task_uuid = t.task_uuid
            WHERE t.task_uuid = tt.task_uuid OFFSET 0
        ) t
        JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
        JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
        CROSS JOIN LATERAL (
            SELECT coalesce(CASE tt.to_state
                                WHEN 'waiting_for_dependencies'
                                    THEN (nt.configuration #>> '{lifecycle,max_waiting_for_dependencies_minutes}')::int
                                WHEN 'waiting_for_retry'
                                    THEN (nt.configuration #>> '{lifecycle,max_waiting_for_retry_minutes}')::int
                                WHEN 'steps_in_process'
                                    THEN (nt.configuration #>> '{lifecycle,max_steps_in_process_minutes}')::int
                            END,
                            CASE tt.to_state
                                WHEN 'waiting_for_dependencies' THEN 60
                                WHEN 'waiting_for_retry' THEN 30
                                WHEN 'steps_in_process' THEN 30
                                ELSE 1440
                            END) AS threshold_minutes,
                   coalesce((nt.configuration #>> '{lifecycle,max_duration_minutes}')::int, 1440)
                       AS max_duration_minutes,
                   coalesce(nt.configuration #>> '{lifecycle,staleness_action}', 'dlq') AS staleness_action
        ) th
        WHERE tt.most_recent
          AND tt.to_state IN ('pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
                              'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures')
    ) l
$$;
COMMENT ON FUNCTION tasker.task_staleness(timestamp) IS
    'Time in state and age of every unfinished task against its lifecycle limits (finished waits of parked steps left out), with a health status (waiting while a parked step waits within its deadline, or before a delayed start)';

CREATE VIEW tasker.v_task_staleness_monitoring AS
SELECT * FROM tasker.task_staleness(timezone('utc', now())::timestamp);
COMMENT ON VIEW tasker.v_task_staleness_monitoring IS
    'Unfinished tasks with time in state, age and staleness (healthy < 80%, warning < 100%, stale)';

-- A cycle among a task's step edges (only possible through hand-edited data): the steps on one.
CREATE FUNCTION tasker.task_dependency_cycle(input_task_uuid uuid)
RETURNS uuid[]
LANGUAGE sql STABLE
AS $$
    WITH RECURSIVE walk(step_uuid, path, cycle) AS (
        SELECT e.to_step_uuid, ARRAY[e.from_step_uuid, e.to_step_uuid], e.from_step_uuid = e.to_step_uuid
        FROM tasker.workflow_step_edges e
        JOIN tasker.workflow_steps s ON s.workflow_step_uuid = e.from_step_uuid
        WHERE s.task_uuid = input_task_uuid
        UNION ALL
        SELECT e.to_step_uuid, w.path || e.to_step_uuid, e.to_step_uuid = ANY (w.path)
        FROM walk w
        JOIN tasker.workflow_step_edges e ON e.from_step_uuid = w.step_uuid
        WHERE NOT w.cycle
    )
    SELECT path FROM walk WHERE cycle LIMIT 1
$$;
COMMENT ON FUNCTION tasker.task_dependency_cycle(uuid) IS
    'The steps on a dependency cycle of the task, or null (templates cannot have cycles; corrupted data can)';

-- Dead letter queue: counts per reason, and the open entries oldest and most important first.
CREATE VIEW tasker.v_dlq_dashboard AS
SELECT d.dlq_reason,
       count(*) AS total_entries,
       count(*) FILTER (WHERE d.resolution_status = 'pending') AS pending,
       count(*) FILTER (WHERE d.resolution_status = 'manually_resolved') AS manually_resolved,
       count(*) FILTER (WHERE d.resolution_status = 'permanently_failed') AS permanently_failed,
       count(*) FILTER (WHERE d.resolution_status = 'cancelled') AS cancelled,
       min(d.dlq_timestamp) FILTER (WHERE d.resolution_status = 'pending') AS oldest_pending_at,
       max(d.dlq_timestamp) AS newest_entry_at,
       round(avg(extract(epoch FROM d.resolution_timestamp - d.dlq_timestamp) / 60)
             FILTER (WHERE d.resolution_timestamp IS NOT NULL), 1) AS avg_resolution_minutes
FROM tasker.tasks_dlq d
GROUP BY d.dlq_reason;
COMMENT ON VIEW tasker.v_dlq_dashboard IS 'Dead letter entries per reason: totals by resolution status and ages';

CREATE VIEW tasker.v_dlq_investigation_queue AS
SELECT d.dlq_entry_uuid, d.task_uuid, d.dlq_reason, d.original_state, d.dlq_timestamp, t.priority,
       ns.name AS namespace_name, nt.name AS task_name, nt.version AS task_version, t.correlation_id,
       round(extract(epoch FROM timezone('utc', now()) - d.dlq_timestamp) / 60, 1) AS minutes_in_dlq
FROM tasker.tasks_dlq d
JOIN tasker.tasks t ON t.task_uuid = d.task_uuid
JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
WHERE d.resolution_status = 'pending'
ORDER BY t.priority DESC, d.dlq_timestamp, d.dlq_entry_uuid;
COMMENT ON VIEW tasker.v_dlq_investigation_queue IS
    'Open dead letter entries to investigate: highest task priority first, then the oldest';
