-- Tasker 1.1 (issue 11, first use): two corrections found by a first use.

-- A task that ends in `error` because a step failed permanently (not by using up its attempts) opens a dead letter
-- entry too, so that `tasker dlq queue` lists every task an operator must look at. The reference system's five
-- reasons have no word for it; this one is ours. (ADD VALUE runs in Flyway's transaction on PostgreSQL 12+; the new
-- value is only used after this migration has committed.)
ALTER TYPE tasker.dlq_reason ADD VALUE IF NOT EXISTS 'permanent_failure' AFTER 'max_retries_exceeded';

-- A cancelled task reported `execution_status: waiting_for_dependencies` and `recommended_action:
-- wait_for_dependencies` (its steps are cancelled, which no branch of the classification counted). A cancelled task
-- is now `cancelled`, and a finished task (complete, cancelled, resolved_manually) recommends `none`; a task in
-- `error` still recommends `handle_failures`, since an operator can repair it. Otherwise as in V1.
CREATE OR REPLACE FUNCTION tasker.get_task_execution_contexts_batch(input_task_uuids uuid[])
RETURNS TABLE (
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
)
LANGUAGE sql STABLE AS $$
    WITH counts AS (
        SELECT t.task_uuid, t.named_task_uuid,
               coalesce(tt.to_state, 'pending') AS status,
               count(r.workflow_step_uuid) AS total_steps,
               count(*) FILTER (WHERE r.current_state IN ('pending', 'waiting_for_retry')) AS pending_steps,
               count(*) FILTER (WHERE r.current_state = 'in_progress') AS in_progress_steps,
               count(*) FILTER (WHERE r.current_state IN ('complete', 'resolved_manually')) AS completed_steps,
               count(*) FILTER (WHERE r.current_state = 'error') AS failed_steps,
               count(*) FILTER (WHERE r.ready_for_execution) AS ready_steps,
               count(*) FILTER (WHERE r.current_state IN ('enqueued', 'enqueued_for_orchestration',
                                                          'enqueued_as_error_for_orchestration')) AS enqueued_steps,
               count(*) FILTER (WHERE r.current_state = 'waiting_for_retry') AS retrying_steps
        FROM tasker.tasks t
        LEFT JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
        LEFT JOIN tasker.get_step_readiness_status_batch(input_task_uuids) r ON r.task_uuid = t.task_uuid
        WHERE t.task_uuid = ANY (input_task_uuids)
        GROUP BY t.task_uuid, t.named_task_uuid, tt.to_state
    ), classified AS (
        SELECT c.*,
               CASE
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
