-- Delayed starts: a task created with run_at (or a delay) stays pending, its steps unqueued, until the scheduler
-- starts it when run_at is due. Staleness counts its age from then, and reports it as waiting before.

CREATE TABLE tasker.delayed_tasks (
    task_uuid  uuid      NOT NULL,
    run_at     timestamp NOT NULL,
    started_at timestamp,
    CONSTRAINT delayed_tasks_pkey PRIMARY KEY (task_uuid),
    CONSTRAINT delayed_tasks_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
-- The scheduler's question: which delayed tasks are due?
CREATE INDEX delayed_tasks_due_idx ON tasker.delayed_tasks (run_at) WHERE started_at IS NULL;
COMMENT ON TABLE tasker.delayed_tasks IS 'Tasks created to start later (run_at or delay): pending until the scheduler starts them';
COMMENT ON COLUMN tasker.delayed_tasks.run_at IS 'When the task is due to start (UTC)';
COMMENT ON COLUMN tasker.delayed_tasks.started_at IS 'When the scheduler started it (or found it cancelled); null while it waits';

-- Child workflows: a finished task's parent step is found by the child's uuid (its park key).
CREATE INDEX parked_steps_subtask_idx ON tasker.parked_steps (wake_key) WHERE kind = 'subtask';

CREATE OR REPLACE FUNCTION tasker.task_staleness(as_of timestamp)
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
               greatest(extract(epoch FROM as_of - greatest(tt.created_at, t.started_at)) / 60 / th.threshold_minutes,
                        extract(epoch FROM as_of - t.started_at) / 60 / th.max_duration_minutes) * 100 AS percent,
               th.staleness_action, t.priority, t.run_at > as_of AS starts_later
        FROM tasker.task_transitions tt
        -- One key lookup per unfinished task (the OFFSET 0 fence keeps it so): the cost follows the unfinished
        -- tasks, never the finished history, which a hash join over all of tasks would read every round.
        -- A delayed task counts from when it is due to start.
        CROSS JOIN LATERAL (
            SELECT t.task_uuid, t.named_task_uuid, greatest(t.created_at, d.run_at) AS started_at, d.run_at,
                   t.priority
            FROM tasker.tasks t LEFT JOIN tasker.delayed_tasks d ON d.task_uuid = t.task_uuid
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
    'Time in state and age of every unfinished task against its lifecycle limits, with a health status (waiting while a parked step waits within its deadline, or before a delayed start)';
