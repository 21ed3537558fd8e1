-- ---------------------------------------------------------------------------------------------------------------
-- Claiming steps: tasker.claim_steps, the queue's hot path (used by io.tasker.worker.StepQueue).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP FUNCTION IF EXISTS tasker.claim_steps(text, boolean, integer, timestamp, timestamp, text);
DROP FUNCTION IF EXISTS tasker.claim_throttled(text, boolean, integer, timestamp);

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


-- ---------------------------------------------------------------------------------------------------------------
-- The common end of claim_steps and claim_enqueued_here: marks the picked steps (locked by the caller) in_progress
-- with a fresh lease and returns what their handlers need. The caller writes their transitions.
-- ---------------------------------------------------------------------------------------------------------------
DROP FUNCTION IF EXISTS tasker.start_claims(uuid[], timestamp, timestamp, text);
CREATE FUNCTION tasker.start_claims(picked uuid[], claimed_at timestamp, lease_until timestamp, worker text)
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
AS $$
BEGIN
    UPDATE tasker.workflow_steps s
    SET current_state = 'in_progress', in_process = true, attempts = s.attempts + 1,
        last_attempted_at = claimed_at, lease_token = gen_random_uuid(), lease_expires_at = lease_until,
        claimed_by = worker, updated_at = claimed_at
    WHERE s.workflow_step_uuid = ANY (picked);

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
COMMENT ON FUNCTION tasker.start_claims(uuid[], timestamp, timestamp, text) IS
    'Marks picked steps in_progress under a fresh lease for a worker and returns them (for claim_steps)';


-- ---------------------------------------------------------------------------------------------------------------
-- Claiming: the queue's hot path, one call per batch of steps. It locks up to max_steps enqueued steps with
-- SKIP LOCKED (most important, then oldest first), marks them in_progress with a fresh lease token, records the
-- enqueued -> in_progress transition, and returns what their handlers need. Steps with concurrency or rate limits
-- (a throttle_key, since V3_4) are left out of the first pick, which reads exactly what it read before; when the
-- batch has room left and such steps wait, tasker.claim_throttled takes what their keys allow.
--
-- It is PL/pgSQL on purpose: each statement sees the rows committed before it ran, so the transitions closed here
-- are the ones the locked steps really have, however recently another process enqueued them. The SET clauses pin
-- index-ordered plans: when statistics lag behind a burst of new work (before autoanalyze catches up), the planner
-- would otherwise read and sort every enqueued row on each claim.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.claim_steps(only_namespace text, want_external boolean, max_steps integer,
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

    RETURN QUERY SELECT * FROM tasker.start_claims(picked, claimed_at, lease_until, worker);
END
$$;
COMMENT ON FUNCTION tasker.claim_steps(text, boolean, integer, timestamp, timestamp, text) IS
    'Claims up to max_steps enqueued steps (of one namespace, or of all when only_namespace is NULL) for a worker';



-- ---------------------------------------------------------------------------------------------------------------
-- Eager dispatch (io.tasker.worker.EagerDispatch): in the transaction that records a result, claims the steps that
-- result made ready (candidates: enqueued by this very transaction) for the recording engine, up to its free slots.
-- Lease, attempt and claimed_by are written as claim_steps writes them, so lease expiry recovers them the same way.
-- Steps with a concurrency or rate limit (throttle_key), external steps and retries (attempts > 0: only a child's
-- first attempt is dispatched eagerly) are left to claim_steps, which enforces the limits. The enqueue is not committed yet, so the claim extends its transition row (pending -> in_progress via
-- enqueued) instead of closing it and adding one: history records committed states only.
-- ---------------------------------------------------------------------------------------------------------------
DROP FUNCTION IF EXISTS tasker.claim_enqueued_here(uuid[], text[], integer, timestamp, timestamp, text);
CREATE FUNCTION tasker.claim_enqueued_here(candidates uuid[], only_namespaces text[], max_steps integer,
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
AS $$
DECLARE
    picked uuid[];
BEGIN
    SELECT array_agg(c.workflow_step_uuid) INTO picked FROM (
        SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
        WHERE s.workflow_step_uuid = ANY (candidates) AND s.current_state = 'enqueued'
          AND NOT s.external_handler AND s.throttle_key IS NULL AND s.attempts = 0
          AND (only_namespaces IS NULL OR s.namespace_name = ANY (only_namespaces))
        ORDER BY s.priority DESC, s.enqueued_at
        LIMIT max_steps
        FOR UPDATE
    ) c;
    IF picked IS NULL THEN
        RETURN;
    END IF;

    UPDATE tasker.workflow_step_transitions t
    SET to_state = 'in_progress',
        metadata = coalesce(t.metadata, '{}'::jsonb)
                   || jsonb_build_object('via', coalesce(t.metadata -> 'via', '[]'::jsonb) || '["enqueued"]'::jsonb,
                                         'event', 'start', 'worker', worker, 'dispatch', 'eager'),
        updated_at = claimed_at
    WHERE t.workflow_step_uuid = ANY (picked) AND t.most_recent AND t.to_state = 'enqueued';

    RETURN QUERY SELECT * FROM tasker.start_claims(picked, claimed_at, lease_until, worker);
END
$$;
COMMENT ON FUNCTION tasker.claim_enqueued_here(uuid[], text[], integer, timestamp, timestamp, text) IS
    'Eager dispatch: claims, in the transaction that enqueued them, up to max_steps of these steps for a worker';
