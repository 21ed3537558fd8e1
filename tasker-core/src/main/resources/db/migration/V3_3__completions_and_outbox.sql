-- Finished tasks are announced, and HTTP deliveries (completion webhooks, domain events) go through an outbox.
--
-- Whatever finishes a task (its last step, a cancel, staleness) sets tasks.completed_at; a statement trigger sees
-- every task that finished in the statement and, in the same transaction: NOTIFYs tasker_tasks_finished (task
-- uuids, comma separated, at most 200 per notification) so that long polls and parent tasks wake in every engine,
-- and writes an outbox row per completion webhook (the template's on_complete and the task's own).
--
-- tasker.outbox holds one row per message and target URL: written in the transaction that made the message
-- (a task finishing, a step's result for its publishes_events), delivered at least once by the server's delivery
-- worker with retries, and 'dead' after its last attempt.

CREATE TABLE tasker.task_webhooks (
    task_uuid uuid          NOT NULL,
    url       varchar(2048) NOT NULL,
    CONSTRAINT task_webhooks_pkey PRIMARY KEY (task_uuid),
    CONSTRAINT task_webhooks_task_uuid_fkey FOREIGN KEY (task_uuid)
        REFERENCES tasker.tasks (task_uuid) ON DELETE CASCADE
);
COMMENT ON TABLE tasker.task_webhooks IS 'The completion webhook a task was created with (on_complete.url)';

CREATE TABLE tasker.outbox (
    message_uuid    uuid          NOT NULL DEFAULT tasker.uuid_generate_v7(),
    kind            varchar(16)   NOT NULL,
    topic           varchar(255)  NOT NULL,
    task_uuid       uuid,
    workflow_step_uuid uuid,
    target_url      varchar(2048) NOT NULL,
    payload         jsonb         NOT NULL,
    state           varchar(16)   NOT NULL DEFAULT 'pending',
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamp     NOT NULL DEFAULT timezone('utc', now()),
    last_error      text,
    created_at      timestamp     NOT NULL DEFAULT timezone('utc', now()),
    delivered_at    timestamp,
    CONSTRAINT outbox_pkey PRIMARY KEY (message_uuid),
    CONSTRAINT outbox_kind CHECK (kind IN ('webhook', 'event')),
    CONSTRAINT outbox_state CHECK (state IN ('pending', 'delivered', 'dead')),
    CONSTRAINT outbox_attempts CHECK (attempts >= 0)
);
-- The delivery worker's question: what is due? (It claims rows by moving next_attempt_at forward.)
CREATE INDEX outbox_due_idx ON tasker.outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_task_idx ON tasker.outbox (task_uuid) WHERE task_uuid IS NOT NULL;
CREATE INDEX outbox_state_created_idx ON tasker.outbox (state, created_at);
COMMENT ON TABLE tasker.outbox IS 'HTTP deliveries (completion webhooks, domain events), written in the transaction that made them, delivered at least once';
COMMENT ON COLUMN tasker.outbox.kind IS 'webhook (a task finished) or event (a step published a domain event)';
COMMENT ON COLUMN tasker.outbox.topic IS 'task.<terminal state> for webhooks, the event name for events';
COMMENT ON COLUMN tasker.outbox.state IS 'pending (to deliver or retry), delivered (a 2xx came back), dead (attempts used up)';
COMMENT ON COLUMN tasker.outbox.next_attempt_at IS 'When the next attempt is due; a worker moves it forward while it delivers';

CREATE FUNCTION tasker.announce_finished_tasks() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    finished uuid[];
    i integer;
BEGIN
    SELECT array_agg(n.task_uuid) INTO finished
    FROM new_rows n JOIN old_rows o ON o.task_uuid = n.task_uuid
    WHERE o.completed_at IS NULL AND n.completed_at IS NOT NULL;
    IF finished IS NULL THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. array_length(finished, 1) BY 200 LOOP
        PERFORM pg_notify('tasker_tasks_finished', array_to_string(finished[i:i + 199], ','));
    END LOOP;
    -- Completion webhooks, only when some template or task asks for one.
    IF EXISTS (SELECT 1 FROM tasker.task_webhooks) OR EXISTS (
            SELECT 1 FROM tasker.named_tasks WHERE configuration ? 'on_complete') THEN
        INSERT INTO tasker.outbox (kind, topic, task_uuid, target_url, payload, next_attempt_at, created_at)
        SELECT 'webhook', 'task.' || tt.to_state, t.task_uuid, hook.url,
               jsonb_build_object('event', 'task.' || tt.to_state, 'task_uuid', t.task_uuid,
                                  'namespace', ns.name, 'name', nt.name, 'version', nt.version,
                                  'state', tt.to_state, 'correlation_id', t.correlation_id,
                                  'parent_correlation_id', t.parent_correlation_id,
                                  'created_at', t.created_at, 'completed_at', t.completed_at),
               timezone('utc', now()), timezone('utc', now())
        FROM unnest(finished) AS f(task_uuid)
        JOIN tasker.tasks t ON t.task_uuid = f.task_uuid
        JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
        JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
        JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
        CROSS JOIN LATERAL (
            SELECT nt.configuration #>> '{on_complete,url}' AS url
            UNION
            SELECT w.url FROM tasker.task_webhooks w WHERE w.task_uuid = t.task_uuid
        ) hook
        WHERE hook.url IS NOT NULL;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION tasker.announce_finished_tasks() IS
    'Statement trigger on tasks: NOTIFY tasker_tasks_finished for tasks that finished, and their completion webhooks into the outbox';

CREATE TRIGGER tasks_announce_finished
    AFTER UPDATE ON tasker.tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasker.announce_finished_tasks();
