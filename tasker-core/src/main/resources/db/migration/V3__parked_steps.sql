-- Parked steps: a step that waits for an event (a timer, a signal, a child task, a board task) without holding a
-- worker. It stays in_progress (its attempt is under way) with no lease, so lease recovery never takes it; a row
-- here says what wakes it. Waking it completes or fails it through the same writes as a handler's result, under its
-- task's lock. Events that arrive before their step parks are kept in step_wakeups and wake it as soon as it parks.

CREATE TABLE tasker.parked_steps (
    workflow_step_uuid uuid         NOT NULL,
    task_uuid          uuid         NOT NULL,
    kind               varchar(32)  NOT NULL,
    wake_key           varchar(255) NOT NULL,
    deadline           timestamp,
    on_deadline        jsonb        NOT NULL,
    details            jsonb        NOT NULL DEFAULT '{}'::jsonb,
    parked_at          timestamp    NOT NULL DEFAULT timezone('utc', now()),
    CONSTRAINT parked_steps_pkey PRIMARY KEY (workflow_step_uuid),
    CONSTRAINT parked_steps_key UNIQUE (task_uuid, kind, wake_key),
    CONSTRAINT parked_steps_kind_format CHECK (kind ~ '^[a-z][a-z0-9_]{0,31}$'),
    CONSTRAINT parked_steps_workflow_step_uuid_fkey FOREIGN KEY (workflow_step_uuid)
        REFERENCES tasker.workflow_steps (workflow_step_uuid) ON DELETE CASCADE,
    CONSTRAINT parked_steps_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
-- The scheduler wakes the steps whose deadline passed, earliest first.
CREATE INDEX parked_steps_deadline_idx ON tasker.parked_steps (deadline) WHERE deadline IS NOT NULL;
COMMENT ON TABLE tasker.parked_steps IS 'Steps that wait for an event without holding a worker, and what wakes them';
COMMENT ON COLUMN tasker.parked_steps.kind IS 'Who wakes the step: timer, signal, subtask, board, ...';
COMMENT ON COLUMN tasker.parked_steps.wake_key IS 'What wakes the step, unique per task and kind (a signal name, a child task uuid, ...)';
COMMENT ON COLUMN tasker.parked_steps.deadline IS 'When the step wakes on its own (a timer is due, a timeout passes); null: never';
COMMENT ON COLUMN tasker.parked_steps.on_deadline IS 'What the deadline does: {"complete": result} or {"fail": {type, message, retryable}}';
COMMENT ON COLUMN tasker.parked_steps.details IS 'What the step waits for, as shown to people';

CREATE TABLE tasker.step_wakeups (
    wakeup_uuid      uuid         NOT NULL DEFAULT tasker.uuid_generate_v7(),
    task_uuid        uuid         NOT NULL,
    kind             varchar(32)  NOT NULL,
    wake_key         varchar(255) NOT NULL,
    outcome          jsonb        NOT NULL,
    received_at      timestamp    NOT NULL DEFAULT timezone('utc', now()),
    consumed_at      timestamp,
    consumed_by_step uuid,
    CONSTRAINT step_wakeups_pkey PRIMARY KEY (wakeup_uuid),
    CONSTRAINT step_wakeups_consumed CHECK ((consumed_at IS NULL) = (consumed_by_step IS NULL)),
    CONSTRAINT step_wakeups_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
-- At most one event waits per key; a second one before the step parks is a duplicate.
CREATE UNIQUE INDEX step_wakeups_one_waiting_idx ON tasker.step_wakeups (task_uuid, kind, wake_key)
    WHERE consumed_at IS NULL;
CREATE INDEX step_wakeups_task_idx ON tasker.step_wakeups (task_uuid, received_at);
COMMENT ON TABLE tasker.step_wakeups IS 'Events delivered to parked steps (signals, ...): kept until a step parks on their key, then consumed';
COMMENT ON COLUMN tasker.step_wakeups.outcome IS 'What the event does to the step: {"complete": result} or {"fail": {...}}';
COMMENT ON COLUMN tasker.step_wakeups.consumed_by_step IS 'The step the event woke; null while it waits for one';

-- Staleness: a task whose step waits within its deadline (or with none) is 'waiting', never stale; everything else
-- as before. Replaces V1's definition (same columns).
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
           CASE WHEN EXISTS (
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
               extract(epoch FROM as_of - t.created_at) / 60 AS task_age_minutes,
               th.max_duration_minutes,
               greatest(extract(epoch FROM as_of - tt.created_at) / 60 / th.threshold_minutes,
                        extract(epoch FROM as_of - t.created_at) / 60 / th.max_duration_minutes) * 100 AS percent,
               th.staleness_action, t.priority
        FROM tasker.task_transitions tt
        -- One key lookup per unfinished task (the OFFSET 0 fence keeps it so): the cost follows the unfinished
        -- tasks, never the finished history, which a hash join over all of tasks would read every round.
        CROSS JOIN LATERAL (
            SELECT t.task_uuid, t.named_task_uuid, t.created_at, t.priority FROM tasker.tasks t
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
    'Time in state and age of every unfinished task against its lifecycle limits, with a health status (waiting while a parked step waits within its deadline)';
