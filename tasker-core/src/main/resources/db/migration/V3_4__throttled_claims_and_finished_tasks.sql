-- Concurrency keys and rate limits, enforced when steps are claimed.
--
-- A step of a template (or a step) that declares concurrency or rate_limit carries a throttle key (the scope and
-- the key's value read from the task's input) and its rules. Such steps leave the ordinary claim indexes: claims of
-- other steps read exactly what they read before. When a claim has room left and throttled steps wait, it takes
-- them key by key (a loose index scan over the keys that have waiting steps), under a per-key advisory lock that a
-- concurrent claimer skips rather than waits for, within each key's free capacity: step scope counts the key's
-- steps in progress; task scope counts the tasks holding a slot of the key (taken with their first step, given back
-- by the trigger that announces finished tasks); rates draw from a token bucket per key. A backlog of one key is
-- never read by claims for other keys. (The functions: tasker.claim_throttled and tasker.claim_steps in
-- R__claim_steps.sql; the task slots are given back by the trigger in R__finished_tasks.sql.)

ALTER TABLE tasker.workflow_steps ADD COLUMN throttle_key varchar(300);
ALTER TABLE tasker.workflow_steps ADD COLUMN throttle jsonb;
ALTER TABLE tasker_archive.workflow_steps ADD COLUMN throttle_key varchar(300);
ALTER TABLE tasker_archive.workflow_steps ADD COLUMN throttle jsonb;
COMMENT ON COLUMN tasker.workflow_steps.throttle_key IS 'Scope and key value of the step''s concurrency or rate limit (ns/template[/step]=value); null: unlimited';
COMMENT ON COLUMN tasker.workflow_steps.throttle IS 'The limit''s rules: {"scope": "step"|"task", "limit": n, "per_second": r}';

DROP INDEX tasker.workflow_steps_claim_idx;
DROP INDEX tasker.workflow_steps_namespace_claim_idx;
-- The queue: claimable steps without limits, most important and oldest first (all namespaces, and per namespace).
CREATE INDEX workflow_steps_claim_idx ON tasker.workflow_steps
    (external_handler, priority DESC, enqueued_at)
    WHERE current_state = 'enqueued' AND throttle_key IS NULL;
CREATE INDEX workflow_steps_namespace_claim_idx ON tasker.workflow_steps
    (namespace_name, external_handler, priority DESC, enqueued_at)
    WHERE current_state = 'enqueued' AND throttle_key IS NULL;
-- Claimable steps with limits, by key; and the steps of each key in progress (step-scope capacity).
CREATE INDEX workflow_steps_throttled_claim_idx ON tasker.workflow_steps
    (throttle_key, priority DESC, enqueued_at)
    WHERE current_state = 'enqueued' AND throttle_key IS NOT NULL;
CREATE INDEX workflow_steps_throttled_running_idx ON tasker.workflow_steps (throttle_key)
    WHERE current_state = 'in_progress' AND throttle_key IS NOT NULL;

CREATE TABLE tasker.task_slots (
    throttle_key varchar(300) NOT NULL,
    task_uuid    uuid         NOT NULL,
    acquired_at  timestamp    NOT NULL,
    CONSTRAINT task_slots_pkey PRIMARY KEY (throttle_key, task_uuid),
    CONSTRAINT task_slots_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
CREATE INDEX task_slots_task_idx ON tasker.task_slots (task_uuid);
COMMENT ON TABLE tasker.task_slots IS 'Running tasks of templates with task-scope limits: a slot per task, from its first step''s claim to its end';

CREATE TABLE tasker.rate_buckets (
    throttle_key varchar(300)     NOT NULL,
    tokens       double precision NOT NULL,
    refilled_at  timestamp        NOT NULL,
    CONSTRAINT rate_buckets_pkey PRIMARY KEY (throttle_key)
);
COMMENT ON TABLE tasker.rate_buckets IS 'Token buckets of rate limits, one per key value (capacity: one second of starts, at least 1)';
