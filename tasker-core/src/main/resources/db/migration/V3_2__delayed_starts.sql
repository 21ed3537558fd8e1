-- Delayed starts: a task created with run_at (or a delay) stays pending, its steps unqueued, until the scheduler
-- starts it when run_at is due. Staleness (tasker.task_staleness in R__dlq.sql) counts its age from then, and reports
-- it as waiting before.

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
