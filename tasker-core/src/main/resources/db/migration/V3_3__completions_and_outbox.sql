-- HTTP deliveries (completion webhooks, domain events) go through an outbox. The completion webhooks are written by
-- the trigger that announces finished tasks (V3_4).
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
