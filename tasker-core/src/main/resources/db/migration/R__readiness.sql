-- ---------------------------------------------------------------------------------------------------------------
-- Readiness: what each step's handler receives from its ancestors, whether each step may run, and each
-- task's execution context (used by io.tasker.worker.StepQueue and io.tasker.engine.store.TaskQueries).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP FUNCTION IF EXISTS tasker.dependency_results(uuid);
DROP FUNCTION IF EXISTS tasker.get_step_readiness_status(uuid, uuid[]);
DROP FUNCTION IF EXISTS tasker.get_step_readiness_status_batch(uuid[], uuid[]);
DROP FUNCTION IF EXISTS tasker.get_task_execution_context(uuid);
DROP FUNCTION IF EXISTS tasker.get_task_execution_contexts_batch(uuid[]);
DROP FUNCTION IF EXISTS tasker.calculate_dependency_levels(uuid);
DROP FUNCTION IF EXISTS tasker.settles_dependency(text, jsonb);
DROP TYPE IF EXISTS tasker.step_readiness;
DROP TYPE IF EXISTS tasker.task_execution_context;

-- The one rule for "this step lets the steps after it run", as TaskDecider has it (StepSnapshot.settlesDependency):
-- complete, resolved manually, or a batch worker that failed where its batch continues on failure.
CREATE FUNCTION tasker.settles_dependency(state text, inputs jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT state IN ('complete', 'resolved_manually')
        OR (state = 'error' AND coalesce(inputs #>> '{batch,failure_strategy}' = 'continue_on_failure', false))
$$;
COMMENT ON FUNCTION tasker.settles_dependency(text, jsonb) IS
    'Whether a step in this state lets its dependents run: complete, resolved manually, or a tolerated batch failure';

-- The row shapes of the readiness and execution context functions, declared once for the batch and single forms.
CREATE TYPE tasker.step_readiness AS (
    workflow_step_uuid      uuid,
    task_uuid               uuid,
    named_step_uuid         uuid,
    name                    text,
    current_state           text,
    dependencies_satisfied  boolean,
    retry_eligible          boolean,
    ready_for_execution     boolean,
    last_failure_at         timestamp,
    next_retry_at           timestamp,
    total_parents           integer,
    completed_parents       integer,
    attempts                integer,
    max_attempts            integer,
    backoff_request_seconds integer,
    last_attempted_at       timestamp
);
COMMENT ON TYPE tasker.step_readiness IS
    'A step''s readiness: state, dependencies (completed_parents counts the parents that settle it), retry, readiness';

CREATE TYPE tasker.task_execution_context AS (
    task_uuid             uuid,
    named_task_uuid       uuid,
    status                text,
    total_steps           bigint,
    pending_steps         bigint,
    in_progress_steps     bigint,
    completed_steps       bigint,
    failed_steps          bigint,
    ready_steps           bigint,
    execution_status      text,
    recommended_action    text,
    completion_percentage numeric,
    health_status         text,
    enqueued_steps        bigint
);
COMMENT ON TYPE tasker.task_execution_context IS
    'A task''s execution context: step counts by state, execution status, recommended action, completion, health';

CREATE FUNCTION tasker.dependency_results(target_step_uuid uuid)
RETURNS jsonb
LANGUAGE sql STABLE
SET enable_seqscan = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
    -- A step has a handful of ancestors: walk the edges by index and look each ancestor up by its key. The OFFSET 0
    -- fence keeps that per-ancestor lookup even when stale statistics make the planner expect thousands.
    WITH RECURSIVE ancestors(step_uuid) AS (
        SELECT e.from_step_uuid FROM tasker.workflow_step_edges e WHERE e.to_step_uuid = target_step_uuid
        UNION
        SELECT e.from_step_uuid FROM tasker.workflow_step_edges e JOIN ancestors a ON e.to_step_uuid = a.step_uuid
    )
    SELECT coalesce(jsonb_object_agg(d.name, d.results), '{}'::jsonb)
    FROM ancestors a
    CROSS JOIN LATERAL (
        SELECT ns.name, coalesce(p.results, 'null'::jsonb) AS results
        FROM tasker.workflow_steps p
        JOIN tasker.named_steps ns ON ns.named_step_uuid = p.named_step_uuid
        WHERE p.workflow_step_uuid = a.step_uuid
          -- a failed batch worker whose batch continues on failure gives its error, for the convergence step
          AND tasker.settles_dependency(p.current_state, p.inputs)
        OFFSET 0
    ) d
$$;
COMMENT ON FUNCTION tasker.dependency_results(uuid) IS
    'Results of every completed ancestor of a step, by step name (what its handler receives as dependency results); '
    'a failed batch worker of a batch that continues on failure gives its error';

-- ---------------------------------------------------------------------------------------------------------------
-- Readiness and execution context (the reference's SQL functions, with our fixes: the retry time is the one the
-- engine computed from the template's backoff or the handler's request, and a tolerated batch failure settles its
-- dependents as TaskDecider says instead of counting as a failure that blocks the task).
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.get_step_readiness_status_batch(input_task_uuids uuid[], step_uuids uuid[] DEFAULT NULL)
RETURNS SETOF tasker.step_readiness
LANGUAGE sql STABLE AS $$
    WITH steps AS (
        SELECT s.*,
               (SELECT count(*) FROM tasker.workflow_step_edges e WHERE e.to_step_uuid = s.workflow_step_uuid)::integer
                   AS total_parents,
               (SELECT count(*) FROM tasker.workflow_step_edges e
                JOIN tasker.workflow_steps p ON p.workflow_step_uuid = e.from_step_uuid
                WHERE e.to_step_uuid = s.workflow_step_uuid
                  AND tasker.settles_dependency(p.current_state, p.inputs))::integer AS completed_parents,
               (SELECT max(t.created_at) FROM tasker.workflow_step_transitions t
                WHERE t.workflow_step_uuid = s.workflow_step_uuid
                  AND t.to_state IN ('enqueued_as_error_for_orchestration', 'error')) AS last_failure_at
        FROM tasker.workflow_steps s
        WHERE s.task_uuid = ANY (input_task_uuids)
          AND (step_uuids IS NULL OR s.workflow_step_uuid = ANY (step_uuids))
    ), assessed AS (
        SELECT steps.*,
               steps.completed_parents = steps.total_parents AS deps_ok,
               (steps.attempts = 0 OR (steps.retryable AND steps.attempts < steps.max_attempts)) AS retry_ok,
               CASE
                   WHEN steps.next_retry_at IS NOT NULL THEN steps.next_retry_at
                   WHEN steps.backoff_request_seconds IS NOT NULL AND steps.last_attempted_at IS NOT NULL
                       THEN steps.last_attempted_at + make_interval(secs => steps.backoff_request_seconds)
               END AS retry_at
        FROM steps
    )
    SELECT a.workflow_step_uuid, a.task_uuid, a.named_step_uuid, ns.name::text, a.current_state::text,
           a.deps_ok, a.retry_ok,
           a.current_state IN ('pending', 'waiting_for_retry') AND NOT a.processed AND NOT a.in_process
               AND a.deps_ok AND a.retry_ok
               AND (a.retry_at IS NULL OR a.retry_at <= timezone('utc', now())),
           a.last_failure_at, a.retry_at, a.total_parents, a.completed_parents, a.attempts, a.max_attempts,
           a.backoff_request_seconds, a.last_attempted_at
    FROM assessed a
    JOIN tasker.named_steps ns ON ns.named_step_uuid = a.named_step_uuid
    ORDER BY a.task_uuid, a.workflow_step_uuid
$$;
COMMENT ON FUNCTION tasker.get_step_readiness_status_batch(uuid[], uuid[]) IS
    'Per step of the given tasks: state, whether its dependencies are satisfied, whether it may retry, when, and whether it is ready to run now';

CREATE FUNCTION tasker.get_step_readiness_status(input_task_uuid uuid, step_uuids uuid[] DEFAULT NULL)
RETURNS SETOF tasker.step_readiness
LANGUAGE sql STABLE AS $$
    SELECT * FROM tasker.get_step_readiness_status_batch(ARRAY[input_task_uuid], step_uuids)
$$;
COMMENT ON FUNCTION tasker.get_step_readiness_status(uuid, uuid[]) IS
    'Readiness of the steps of one task (see get_step_readiness_status_batch)';

CREATE FUNCTION tasker.get_task_execution_contexts_batch(input_task_uuids uuid[])
RETURNS SETOF tasker.task_execution_context
LANGUAGE sql STABLE AS $$
    WITH counts AS (
        SELECT t.task_uuid, t.named_task_uuid,
               coalesce(tt.to_state, 'pending') AS status,
               count(r.workflow_step_uuid) AS total_steps,
               count(*) FILTER (WHERE r.current_state IN ('pending', 'waiting_for_retry')) AS pending_steps,
               count(*) FILTER (WHERE r.current_state = 'in_progress') AS in_progress_steps,
               -- a tolerated batch failure counts as done, not as a failure that blocks the task
               count(*) FILTER (WHERE tasker.settles_dependency(r.current_state, s.inputs)) AS completed_steps,
               count(*) FILTER (WHERE r.current_state = 'error'
                                  AND NOT tasker.settles_dependency(r.current_state, s.inputs)) AS failed_steps,
               count(*) FILTER (WHERE r.ready_for_execution) AS ready_steps,
               count(*) FILTER (WHERE r.current_state IN ('enqueued', 'enqueued_for_orchestration',
                                                          'enqueued_as_error_for_orchestration')) AS enqueued_steps,
               count(*) FILTER (WHERE r.current_state = 'waiting_for_retry') AS retrying_steps
        FROM tasker.tasks t
        LEFT JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
        LEFT JOIN tasker.get_step_readiness_status_batch(input_task_uuids) r ON r.task_uuid = t.task_uuid
        LEFT JOIN tasker.workflow_steps s ON s.workflow_step_uuid = r.workflow_step_uuid
        WHERE t.task_uuid = ANY (input_task_uuids)
        GROUP BY t.task_uuid, t.named_task_uuid, tt.to_state
    ), classified AS (
        SELECT c.*,
               CASE
                   -- a cancelled task's steps are cancelled, which no other branch counts
                   WHEN c.status = 'cancelled' THEN 'cancelled'
                   WHEN c.failed_steps > 0 THEN 'blocked_by_failures'
                   WHEN c.ready_steps > 0 THEN 'has_ready_steps'
                   WHEN c.in_progress_steps > 0 OR c.enqueued_steps > 0 THEN 'processing'
                   WHEN c.completed_steps = c.total_steps THEN 'all_complete'
                   ELSE 'waiting_for_dependencies'
               END AS execution_status
        FROM counts c
    )
    SELECT c.task_uuid, c.named_task_uuid, c.status, c.total_steps, c.pending_steps, c.in_progress_steps,
           c.completed_steps, c.failed_steps, c.ready_steps, c.execution_status,
           -- a finished task recommends nothing; a task in error still recommends handle_failures (it can be repaired)
           CASE
               WHEN c.status IN ('cancelled', 'complete', 'resolved_manually') THEN 'none'
               ELSE CASE c.execution_status
                   WHEN 'blocked_by_failures' THEN 'handle_failures'
                   WHEN 'has_ready_steps' THEN 'execute_ready_steps'
                   WHEN 'processing' THEN 'wait_for_completion'
                   WHEN 'all_complete' THEN 'finalize_task'
                   ELSE 'wait_for_dependencies'
               END
           END,
           CASE WHEN c.total_steps = 0 THEN 0
                ELSE round(c.completed_steps::numeric * 100 / c.total_steps, 2) END,
           CASE
               WHEN c.failed_steps > 0 THEN 'blocked'
               WHEN c.retrying_steps > 0 THEN 'recovering'
               ELSE 'healthy'
           END,
           c.enqueued_steps
    FROM classified c
    ORDER BY c.task_uuid
$$;
COMMENT ON FUNCTION tasker.get_task_execution_contexts_batch(uuid[]) IS
    'Per task: state, step counts by state, execution status, recommended action, completion percentage and health';

CREATE FUNCTION tasker.get_task_execution_context(input_task_uuid uuid)
RETURNS SETOF tasker.task_execution_context
LANGUAGE sql STABLE AS $$
    SELECT * FROM tasker.get_task_execution_contexts_batch(ARRAY[input_task_uuid])
$$;
COMMENT ON FUNCTION tasker.get_task_execution_context(uuid) IS
    'Execution context of one task (see get_task_execution_contexts_batch)';

CREATE FUNCTION tasker.calculate_dependency_levels(input_task_uuid uuid)
RETURNS TABLE (workflow_step_uuid uuid, dependency_level integer)
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE levels AS (
        SELECT s.workflow_step_uuid, 0 AS level
        FROM tasker.workflow_steps s
        WHERE s.task_uuid = input_task_uuid
          AND NOT EXISTS (SELECT 1 FROM tasker.workflow_step_edges e WHERE e.to_step_uuid = s.workflow_step_uuid)
        UNION ALL
        SELECT e.to_step_uuid, l.level + 1
        FROM levels l
        JOIN tasker.workflow_step_edges e ON e.from_step_uuid = l.workflow_step_uuid
        WHERE l.level < 1000
    )
    SELECT l.workflow_step_uuid, max(l.level)::integer
    FROM levels l
    GROUP BY l.workflow_step_uuid
    ORDER BY max(l.level), l.workflow_step_uuid
$$;
COMMENT ON FUNCTION tasker.calculate_dependency_levels(uuid) IS
    'Depth of every step of a task in its DAG: roots are 0, a step is one more than its deepest parent';
