-- Concurrency keys and rate limits, enforced when steps are claimed.
--
-- A step of a template (or a step) that declares concurrency or rate_limit carries a throttle key (the scope and
-- the key's value read from the task's input) and its rules. Such steps leave the ordinary claim indexes: claims of
-- other steps read exactly what they read before. When a claim has room left and throttled steps wait, it takes
-- them key by key (a loose index scan over the keys that have waiting steps), under a per-key advisory lock that a
-- concurrent claimer skips rather than waits for, within each key's free capacity: step scope counts the key's
-- steps in progress; task scope counts the tasks holding a slot of the key (taken with their first step, given back
-- by the trigger that announces finished tasks); rates draw from a token bucket per key. A backlog of one key is
-- never read by claims for other keys.

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

-- Claims up to `room` throttled steps within their keys' capacity; returns them (locked, still enqueued: the caller
-- marks them in_progress with the others).
CREATE FUNCTION tasker.claim_throttled(only_namespace text, want_external boolean, room integer,
                                       claimed_at timestamp)
RETURNS uuid[]
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    k text;
    rules jsonb;
    lim integer;
    rate double precision;
    tokens double precision;
    free integer;
    took uuid[];
    new_tasks uuid[];
    used integer;
    chosen uuid[] := '{}';
BEGIN
    FOR k IN
        WITH RECURSIVE keys(key) AS (
            (SELECT s.throttle_key FROM tasker.workflow_steps s
             WHERE s.current_state = 'enqueued' AND s.throttle_key IS NOT NULL
             ORDER BY s.throttle_key LIMIT 1)
            UNION ALL
            SELECT (SELECT s.throttle_key FROM tasker.workflow_steps s
                    WHERE s.current_state = 'enqueued' AND s.throttle_key > keys.key
                    ORDER BY s.throttle_key LIMIT 1)
            FROM keys WHERE keys.key IS NOT NULL
        )
        SELECT key FROM keys WHERE key IS NOT NULL LIMIT 1000
    LOOP
        EXIT WHEN room <= 0;
        -- Another claimer works on this key right now: leave it to them rather than wait.
        CONTINUE WHEN NOT pg_try_advisory_xact_lock(hashtextextended('tasker.throttle:' || k, 0));
        SELECT s.throttle INTO rules FROM tasker.workflow_steps s
        WHERE s.current_state = 'enqueued' AND s.throttle_key = k LIMIT 1;
        lim := (rules ->> 'limit')::integer;
        rate := (rules ->> 'per_second')::double precision;
        tokens := NULL;
        IF rate IS NOT NULL THEN
            SELECT least(greatest(1, rate), b.tokens + extract(epoch FROM claimed_at - b.refilled_at) * rate)
            INTO tokens FROM tasker.rate_buckets b WHERE b.throttle_key = k;
            tokens := coalesce(tokens, greatest(1, rate));
        END IF;
        used := 0;
        IF rules ->> 'scope' = 'task' THEN
            -- Tasks holding a slot of the key go on freely; new tasks start only in free slots (and with tokens).
            SELECT coalesce(array_agg(c.workflow_step_uuid), '{}') INTO took FROM (
                SELECT s.workflow_step_uuid FROM tasker.task_slots ts
                JOIN tasker.workflow_steps s ON s.task_uuid = ts.task_uuid
                WHERE ts.throttle_key = k AND s.current_state = 'enqueued' AND s.throttle_key = k
                  AND s.external_handler = want_external
                  AND (only_namespace IS NULL OR s.namespace_name = only_namespace)
                ORDER BY s.priority DESC, s.enqueued_at
                LIMIT room
                FOR UPDATE OF s SKIP LOCKED
            ) c;
            chosen := chosen || took;
            room := room - cardinality(took);
            free := room;
            IF lim IS NOT NULL THEN
                free := least(free, lim - (SELECT count(*) FROM tasker.task_slots ts WHERE ts.throttle_key = k)::integer);
            END IF;
            IF tokens IS NOT NULL THEN
                free := least(free, floor(tokens)::integer);
            END IF;
            IF free > 0 THEN
                SELECT coalesce(array_agg(c.workflow_step_uuid), '{}'), coalesce(array_agg(DISTINCT c.task_uuid), '{}')
                INTO took, new_tasks FROM (
                    SELECT s.workflow_step_uuid, s.task_uuid FROM tasker.workflow_steps s
                    WHERE s.current_state = 'enqueued' AND s.throttle_key = k AND s.external_handler = want_external
                      AND (only_namespace IS NULL OR s.namespace_name = only_namespace)
                      AND NOT EXISTS (SELECT 1 FROM tasker.task_slots ts
                                      WHERE ts.throttle_key = k AND ts.task_uuid = s.task_uuid)
                    ORDER BY s.priority DESC, s.enqueued_at
                    LIMIT free
                    FOR UPDATE OF s SKIP LOCKED
                ) c;
                INSERT INTO tasker.task_slots (throttle_key, task_uuid, acquired_at)
                SELECT k, t, claimed_at FROM unnest(new_tasks) AS t ON CONFLICT DO NOTHING;
                chosen := chosen || took;
                room := room - cardinality(took);
                used := cardinality(new_tasks);
            END IF;
        ELSE
            free := room;
            IF lim IS NOT NULL THEN
                free := least(free, lim - (SELECT count(*) FROM tasker.workflow_steps s
                                           WHERE s.current_state = 'in_progress' AND s.throttle_key = k)::integer);
            END IF;
            IF tokens IS NOT NULL THEN
                free := least(free, floor(tokens)::integer);
            END IF;
            IF free > 0 THEN
                SELECT coalesce(array_agg(c.workflow_step_uuid), '{}') INTO took FROM (
                    SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
                    WHERE s.current_state = 'enqueued' AND s.throttle_key = k AND s.external_handler = want_external
                      AND (only_namespace IS NULL OR s.namespace_name = only_namespace)
                    ORDER BY s.priority DESC, s.enqueued_at
                    LIMIT free
                    FOR UPDATE OF s SKIP LOCKED
                ) c;
                chosen := chosen || took;
                room := room - cardinality(took);
                used := cardinality(took);
            END IF;
        END IF;
        IF tokens IS NOT NULL THEN
            INSERT INTO tasker.rate_buckets (throttle_key, tokens, refilled_at) VALUES (k, tokens - used, claimed_at)
            ON CONFLICT (throttle_key) DO UPDATE SET tokens = excluded.tokens, refilled_at = excluded.refilled_at;
        END IF;
    END LOOP;
    RETURN chosen;
END
$$;
COMMENT ON FUNCTION tasker.claim_throttled(text, boolean, integer, timestamp) IS
    'Claims up to room steps with concurrency or rate limits, within each key''s capacity (for claim_steps)';

-- claim_steps as in V1, with steps that have limits left out of the first pick and taken by claim_throttled when
-- the batch has room.
CREATE OR REPLACE FUNCTION tasker.claim_steps(only_namespace text, want_external boolean, max_steps integer,
                                   claimed_at timestamp, lease_until timestamp, worker text)
RETURNS TABLE (
    workflow_step_uuid uuid,
    task_uuid          uuid,
    namespace_name     text,
    attempts           integer,
    max_attempts       integer,
    retryable          boolean,
    lease_token        uuid,
    lease_expires_at   timestamp,
    enqueued_at        timestamp,
    last_attempted_at  timestamp,
    inputs             jsonb,
    checkpoint         jsonb,
    named_task_uuid    uuid,
    context            jsonb,
    correlation_id     uuid,
    parent_correlation_id uuid,
    step_name          text,
    dependency_results jsonb
)
LANGUAGE plpgsql VOLATILE
ROWS 10
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_sort = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
    picked uuid[];
    room integer;
BEGIN
    IF only_namespace IS NULL THEN
        SELECT array_agg(c.workflow_step_uuid) INTO picked FROM (
            SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
            WHERE s.current_state = 'enqueued' AND s.external_handler = want_external AND s.throttle_key IS NULL
            ORDER BY s.priority DESC, s.enqueued_at
            LIMIT max_steps
            FOR UPDATE SKIP LOCKED
        ) c;
    ELSE
        SELECT array_agg(c.workflow_step_uuid) INTO picked FROM (
            SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
            WHERE s.current_state = 'enqueued' AND s.namespace_name = only_namespace
              AND s.external_handler = want_external AND s.throttle_key IS NULL
            ORDER BY s.priority DESC, s.enqueued_at
            LIMIT max_steps
            FOR UPDATE SKIP LOCKED
        ) c;
    END IF;
    -- Room left and steps with limits waiting: take what their keys allow.
    room := max_steps - coalesce(cardinality(picked), 0);
    IF room > 0 AND EXISTS (SELECT 1 FROM tasker.workflow_steps s
                            WHERE s.current_state = 'enqueued' AND s.throttle_key IS NOT NULL) THEN
        picked := coalesce(picked, '{}') || tasker.claim_throttled(only_namespace, want_external, room, claimed_at);
    END IF;
    IF picked IS NULL OR cardinality(picked) = 0 THEN
        RETURN;
    END IF;

    UPDATE tasker.workflow_steps s
    SET current_state = 'in_progress', in_process = true, attempts = s.attempts + 1,
        last_attempted_at = claimed_at, lease_token = gen_random_uuid(), lease_expires_at = lease_until,
        claimed_by = worker, updated_at = claimed_at
    WHERE s.workflow_step_uuid = ANY (picked);

    WITH closed AS (
        UPDATE tasker.workflow_step_transitions t
        SET most_recent = false, updated_at = claimed_at
        WHERE t.workflow_step_uuid = ANY (picked) AND t.most_recent
        RETURNING t.workflow_step_uuid, t.sort_key
    )
    INSERT INTO tasker.workflow_step_transitions
        (workflow_step_uuid, from_state, to_state, sort_key, most_recent, metadata, created_at, updated_at)
    SELECT c.workflow_step_uuid, 'enqueued', 'in_progress', c.sort_key + 1, true,
           jsonb_build_object('event', 'start', 'worker', worker), claimed_at, claimed_at
    FROM closed c;

    RETURN QUERY
    SELECT s.workflow_step_uuid, s.task_uuid, s.namespace_name::text, s.attempts, s.max_attempts, s.retryable,
           s.lease_token, s.lease_expires_at, s.enqueued_at, s.last_attempted_at, s.inputs, s.checkpoint,
           t.named_task_uuid, t.context, t.correlation_id, t.parent_correlation_id, ns.name::text,
           tasker.dependency_results(s.workflow_step_uuid)
    FROM tasker.workflow_steps s
    JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
    JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
    WHERE s.workflow_step_uuid = ANY (picked);
END
$$;
COMMENT ON FUNCTION tasker.claim_steps(text, boolean, integer, timestamp, timestamp, text) IS
    'Claims up to max_steps enqueued steps (of one namespace, or of all when only_namespace is NULL) for a worker';

-- Finished tasks are announced. Whatever finishes a task (its last step, a cancel, staleness) sets
-- tasks.completed_at; this statement trigger sees every task that finished in the statement and, in the same
-- transaction: NOTIFYs tasker_tasks_finished (task uuids, comma separated, at most 200 per notification) so that long
-- polls and parent tasks wake in every engine, gives their task slots back, and writes an outbox row per completion
-- webhook (the template's on_complete and the task's own).
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
    IF EXISTS (SELECT 1 FROM tasker.task_slots) THEN
        DELETE FROM tasker.task_slots WHERE task_uuid = ANY (finished);
    END IF;
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
    'Statement trigger on tasks: NOTIFY tasker_tasks_finished for tasks that finished, release their task slots, write their completion webhooks';

CREATE TRIGGER tasks_announce_finished
    AFTER UPDATE ON tasker.tasks
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tasker.announce_finished_tasks();
