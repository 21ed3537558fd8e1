-- Human and agent steps in workflows: a `board` step of the workflow engine creates a board task and waits (a parked
-- step) until the task is completed or cancelled. A board task may be meant for the holders of a role instead of one
-- agent.

ALTER TABLE tasker_board.tasks ADD COLUMN role text;
COMMENT ON COLUMN tasker_board.tasks.role IS
    'Only agents whose user holds this role (a built-in role such as operator, or a custom role''s slug) may claim it';

CREATE TABLE tasker_board.workflow_steps (
    task_id             char(8)     NOT NULL PRIMARY KEY,
    org_id              uuid        NOT NULL,
    workflow_task_uuid  uuid        NOT NULL,
    workflow_step_uuid  uuid        NOT NULL UNIQUE,
    created_at          timestamptz NOT NULL,
    FOREIGN KEY (org_id, task_id) REFERENCES tasker_board.tasks (org_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE tasker_board.workflow_steps IS
    'The workflow step (tasker.workflow_steps) a board task stands for: completing the task completes the step with its summary; cancelling either side cancels the other';
CREATE INDEX workflow_steps_task ON tasker_board.workflow_steps (workflow_task_uuid);
