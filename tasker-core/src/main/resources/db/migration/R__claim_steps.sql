-- ---------------------------------------------------------------------------------------------------------------
-- Claiming steps: tasker.claim_steps, the queue's hot path (used by io.tasker.worker.StepQueue).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP FUNCTION IF EXISTS tasker.claim_steps(text, boolean, integer, timestamp, timestamp, text);

-- ---------------------------------------------------------------------------------------------------------------
-- Claiming: the queue's hot path, one call per batch of steps. It locks up to max_steps enqueued steps with
-- SKIP LOCKED (most important, then oldest first), marks them in_progress with a fresh lease token, records the
-- enqueued -> in_progress transition, and returns what their handlers need.
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
BEGIN
    IF only_namespace IS NULL THEN
        SELECT array_agg(c.workflow_step_uuid) INTO picked FROM (
            SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
            WHERE s.current_state = 'enqueued' AND s.external_handler = want_external
            ORDER BY s.priority DESC, s.enqueued_at
            LIMIT max_steps
            FOR UPDATE SKIP LOCKED
        ) c;
    ELSE
        SELECT array_agg(c.workflow_step_uuid) INTO picked FROM (
            SELECT s.workflow_step_uuid FROM tasker.workflow_steps s
            WHERE s.current_state = 'enqueued' AND s.namespace_name = only_namespace
              AND s.external_handler = want_external
            ORDER BY s.priority DESC, s.enqueued_at
            LIMIT max_steps
            FOR UPDATE SKIP LOCKED
        ) c;
    END IF;
    IF picked IS NULL THEN
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
