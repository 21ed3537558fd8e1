-- ---------------------------------------------------------------------------------------------------------------
-- The step result audit trigger (workflow_step_result_audit).
--
-- Repeatable migration: Flyway runs it after the versioned ones, and again whenever this file changes. It
-- drops what it defines and creates it anew, so a fresh database and an upgraded one end up with the same
-- definitions. Changing a signature? Keep a DROP of the old one here.
-- ---------------------------------------------------------------------------------------------------------------

DROP TRIGGER IF EXISTS workflow_step_transitions_result_audit ON tasker.workflow_step_transitions;
DROP FUNCTION IF EXISTS tasker.create_step_result_audit();

-- ---------------------------------------------------------------------------------------------------------------
-- Step result audit: one row per recorded result (success or failure of an attempt, or an operator's decision).
-- A row trigger with a WHEN clause, so the many transitions that are not results cost nothing.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION tasker.create_step_result_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tasker.workflow_step_result_audit
        (workflow_step_uuid, workflow_step_transition_uuid, task_uuid, recorded_at, worker_uuid, correlation_id,
         success, execution_time_ms, created_at, updated_at)
    SELECT NEW.workflow_step_uuid, NEW.workflow_step_transition_uuid, s.task_uuid, NEW.created_at,
           CASE WHEN NEW.metadata->>'worker_uuid' ~ '^[0-9a-fA-F-]{36}$' THEN (NEW.metadata->>'worker_uuid')::uuid END,
           t.correlation_id,
           NEW.to_state IN ('enqueued_for_orchestration', 'complete', 'resolved_manually'),
           CASE WHEN NEW.metadata->>'execution_time_ms' ~ '^[0-9]+$' THEN (NEW.metadata->>'execution_time_ms')::bigint END,
           NEW.created_at, NEW.created_at
    FROM tasker.workflow_steps s
    JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
    WHERE s.workflow_step_uuid = NEW.workflow_step_uuid;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION tasker.create_step_result_audit() IS
    'Trigger: writes workflow_step_result_audit for every recorded step result (attempt outcomes and operator completions)';

CREATE TRIGGER workflow_step_transitions_result_audit
    AFTER INSERT ON tasker.workflow_step_transitions
    FOR EACH ROW
    WHEN (NEW.to_state IN ('enqueued_for_orchestration', 'enqueued_as_error_for_orchestration')
          OR (NEW.to_state IN ('complete', 'resolved_manually')
              AND NEW.from_state IS DISTINCT FROM 'enqueued_for_orchestration'
              AND NEW.from_state IS DISTINCT FROM 'enqueued_as_error_for_orchestration'))
    EXECUTE FUNCTION tasker.create_step_result_audit();
