-- Waiting is not working: the time a task spends with a step parked (waiting for a signal, a timer, a child task or
-- a person) does not count toward its lifecycle.max_duration_minutes, so a task that waited two days for its
-- approval, within the signal's timeout, is not stale the moment the approval wakes it. One row per task that has
-- parked a step: the stretches during which at least one of its steps was parked, summed (overlapping parks count
-- once), and the start of the stretch under way. tasker.task_staleness (R__dlq.sql) reads it.

CREATE TABLE tasker.task_waits (
    task_uuid     uuid      NOT NULL,
    waited_ms     bigint    NOT NULL DEFAULT 0,
    waiting_since timestamp,
    last_woken_at timestamp,
    CONSTRAINT task_waits_pkey PRIMARY KEY (task_uuid),
    CONSTRAINT task_waits_waited_ms CHECK (waited_ms >= 0),
    CONSTRAINT task_waits_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
COMMENT ON TABLE tasker.task_waits IS 'Time each task spent with a step parked (waiting), which staleness does not count as its age';
COMMENT ON COLUMN tasker.task_waits.waited_ms IS 'Finished stretches during which at least one step of the task was parked, summed (milliseconds)';
COMMENT ON COLUMN tasker.task_waits.waiting_since IS 'When the stretch under way began (its first step parked); null: no step waits';
COMMENT ON COLUMN tasker.task_waits.last_woken_at IS 'When the last stretch ended (its last waiting step was woken): time in state counts from here';
